// The tenant as the seller on its invoices: its legal identity (the platform's tenant row, also the controller
// named in the privacy statement) and the account it is paid to. The owner changes them; staff read them.
import { Injectable } from '@nestjs/common';
import { type Actor, actorKey, NotFoundProblem, requireAccess, ValidationProblem } from '@app/core';
import { SellerErrorCode, SellerException } from './billing.errors';
import { AuditTrailService, type SellerDetailsRow, TenancyService, TenantContext } from '@app/tenancy';
import type { UpdateSellerDto } from './dto/seller.dto';

export interface Seller {
  legalName: string;
  businessId: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  iban: string | null;
  bic: string | null;
  language: 'fi' | 'en';
  version: number;
}

const toSeller = (r: SellerDetailsRow): Seller => ({
  legalName: r.legal_name,
  businessId: r.business_id,
  streetAddress: r.street_address,
  postalCode: r.postal_code,
  city: r.city,
  iban: r.iban,
  bic: r.bic,
  language: r.language,
  version: r.version,
});

@Injectable()
export class SellerService {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditTrailService,
    private readonly tenancy: TenancyService,
  ) {}

  async get(): Promise<Seller> {
    const row = await this.tenancy.sellerDetails();
    if (!row) throw new NotFoundProblem('tenant');
    return toSeller(row);
  }

  /** The owner changes the seller's details in one transaction with its audit event; a stale version answers 409 and changes nothing. */
  async update(actor: Actor, dto: UpdateSellerDto): Promise<Seller> {
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    // An IBAN without the bank's BIC (or the other way round) cannot go on a Finvoice or an international transfer.
    if ((dto.iban ?? null) === null !== ((dto.bic ?? null) === null)) {
      throw new ValidationProblem([{ field: dto.iban ? 'bic' : 'iban', message: 'IBAN and BIC are given together' }]);
    }
    return this.context.transaction(async () => {
      const row = await this.tenancy.updateSellerDetails({
        legalName: dto.legalName.trim(),
        businessId: dto.businessId,
        streetAddress: dto.streetAddress.trim(),
        postalCode: dto.postalCode,
        city: dto.city.trim(),
        iban: dto.iban ?? null,
        bic: dto.bic ?? null,
        version: dto.version,
      });
      if (!row) {
        const current = await this.get();
        throw new SellerException(SellerErrorCode.StaleVersion, `The seller details have changed since you read them (now version ${current.version}).`, { currentVersion: current.version });
      }
      this.audit.record({ actor: actorKey(actor), action: 'seller.changed', subjectType: 'tenant', subjectId: this.context.tenant.tenantId, fields: ['legalName', 'businessId', 'streetAddress', 'postalCode', 'city', 'iban', 'bic'] });
      return toSeller(row);
    });
  }
}
