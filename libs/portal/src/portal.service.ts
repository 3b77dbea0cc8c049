// The customer portal: what a signed-in customer sees and rectifies (their invitation: PortalAccountsService).
// Every portal route acts on the session's own customer; no id is ever taken from the request.
import { Injectable, StreamableFile } from '@nestjs/common';
import { BillingService, type InvoiceView } from '@app/billing';
import { type ConsentHistoryEntry, ConsentService, type ConsentState, type Purpose } from '@app/consent';
import { type ExportFormat, ExportService, type PortalRequestDto, RequestsErrorCode, RequestsException, type RequestView, RequestsService } from '@app/requests';
import { type Actor, type CustomerPrincipal, type Page, type Principal, requireAccess, ValidationProblem } from '@app/core';
import { type CustomerView, CustomersService } from '@app/customers';
import { TenancyService, TenantContext } from '@app/tenancy';
import type { RectifyProfileDto } from './dto/portal.dto';

/** Everything held on the customer, as the portal shows it to them. */
export interface PortalMe {
  /** The business (the controller) whose portal this is, by name: the portal says whose it is. */
  tenantName: string;
  profile: CustomerView;
  /** The statement's "viimeisin sisäänkirjautuminen": when the customer last signed in to the portal. */
  lastLoginAt: Date | null;
  consents: ConsentState[];
  consentLedger: ConsentHistoryEntry[];
  /** The latest invoices (the full history is in the access export). */
  invoices: Page<InvoiceView>;
  requests: RequestView[];
}

@Injectable()
export class PortalService {
  constructor(
    private readonly customers: CustomersService,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly consent: ConsentService,
    private readonly billing: BillingService,
    private readonly requests: RequestsService,
    private readonly exports: ExportService,
  ) {}

  async me(principal: Principal): Promise<PortalMe> {
    const id = this.requireCustomer(principal).id;
    const profile = await this.customers.get(id);
    const [tenant, consent, invoices, requests] = await Promise.all([
      this.tenancy.get(this.context.tenant.slug),
      this.consent.overview(id),
      this.billing.pageOfCustomer(id, { limit: 200 }),
      this.requests.forCustomer(id),
    ]);
    return { tenantName: tenant.legalName, profile, lastLoginAt: profile.lastLoginAt, consents: consent.current, consentLedger: consent.history, invoices, requests };
  }

  /** Giving or withdrawing marketing consent in the portal: as easy one way as the other. */
  setConsent(actor: Actor, purpose: Purpose, granted: boolean, lang?: 'fi' | 'en'): Promise<ConsentState> {
    const customer = this.requireCustomer(actor);
    return this.consent.set(customer, customer.id, purpose, granted, { channel: 'portal', source: 'portal', lang });
  }

  /** A request made in the portal is written and its sender authenticated: identity counts as verified. */
  async submitRequest(actor: Actor, dto: PortalRequestDto): Promise<RequestView> {
    const customer = this.requireCustomer(actor);
    if (dto.type === 'erasure') {
      // Erasure waits while money is owed (the statement's rule, Art. 17(3)(e)): say so now, with which
      // invoices, rather than record a request the business could only refuse. Completion checks again.
      const unpaid = await this.billing.unpaidInvoices(customer.id);
      if (unpaid.length) {
        throw new RequestsException(RequestsErrorCode.UnpaidInvoices, `Erasure is possible once these are paid: ${unpaid.map((i) => `#${i.number}`).join(', ')}.`, { unpaidInvoices: unpaid });
      }
    }
    return this.requests.record(customer, { customerId: customer.id, type: dto.type, channel: 'portal', details: dto.details, verifiedBy: { actor: customer, method: 'portal_session' } });
  }

  listRequests(actor: Actor): Promise<RequestView[]> {
    return this.requests.forCustomer(this.requireCustomer(actor).id);
  }

  /** The customer's own completed access export; another customer's request answers 404. */
  async export(actor: Actor, requestId: string, format: ExportFormat): Promise<StreamableFile> {
    const customer = this.requireCustomer(actor);
    return this.exports.stream(await this.requests.exportable(requestId, customer.id), format);
  }

  /** Rectification by the customer: the same validation, normalisation and audit trail as staff edits. */
  async rectify(actor: Actor, dto: RectifyProfileDto): Promise<CustomerView> {
    const customer = this.requireCustomer(actor);
    if (dto.email === null) throw new ValidationProblem([{ field: 'email', message: 'email cannot be removed: it is how you sign in to the portal' }]);
    return this.customers.update(customer, customer.id, dto);
  }

  /** Portal routes serve only a customer of the tenant in scope (the guard ensures it; this keeps services honest). */
  private requireCustomer(actor: Actor): CustomerPrincipal {
    return requireAccess(actor, { realm: 'customer', tenantId: this.context.tenant.tenantId });
  }
}
