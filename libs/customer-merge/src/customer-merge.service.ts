// Two records of one customer: finding the likely pairs, and merging one into the other for good: its invoices,
// consent ledger, requests, portal account and audit trail moved to the customer kept, in one transaction,
// recorded in the audit trail. It cannot be undone (the merged record is removed).
import { Injectable } from '@nestjs/common';
import { type Actor, actorKey, Clock, NotFoundProblem, requireAccess } from '@app/core';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { CustomersErrorCode, CustomersException } from '@app/customers';
import { CustomerMergeErrorCode, CustomerMergeException } from './customer-merge.errors';
import { type CustomerRow, CustomerMergeRepository, FILLABLE } from './customer-merge.repository';
import type { MergeCustomersDto } from './dto/customer-merge.dto';

export interface DuplicateCustomer {
  id: string;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  businessId: string | null;
  city: string | null;
  createdAt: Date;
}

export interface MergeResult {
  keptId: string;
  mergedId: string;
  moved: Record<string, number>;
  filled: string[];
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

@Injectable()
export class CustomerMergeService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: CustomerMergeRepository,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
  ) {}

  async duplicates(limit = 50): Promise<{ a: DuplicateCustomer; b: DuplicateCustomer; reasons: string[]; score: number }[]> {
    const pairs = await this.repository.candidates(limit);
    const customers = new Map((await this.repository.customers([...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))])).map((c) => [c.id, toDuplicate(c)]));
    return pairs.map((p) => {
      const [a, b] = [customers.get(p.a_id)!, customers.get(p.b_id)!].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
      return { a, b, reasons: p.reasons, score: Math.round(p.score * 100) / 100 };
    });
  }

  /** The owner's alone: a merge cannot be undone. */
  async merge(actor: Actor, dto: MergeCustomersDto): Promise<MergeResult> {
    const by = actorKey(requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId }));
    if (dto.keepId === dto.mergeId) throw new CustomerMergeException(CustomerMergeErrorCode.SameCustomer);
    const at = this.clock.now();
    return this.context.transaction(async () => {
      // Both rows locked (in id order, as every merge takes them): no invoice, consent or edit slips in between.
      const rows = await this.repository.customers([dto.keepId, dto.mergeId], true);
      const keep = rows.find((r) => r.id === dto.keepId);
      const merge = rows.find((r) => r.id === dto.mergeId);
      if (!keep || !merge) throw new NotFoundProblem('customer');
      if (keep.version !== dto.keepVersion || merge.version !== dto.mergeVersion) throw new CustomerMergeException(CustomerMergeErrorCode.StaleVersion);
      // Processing restricted (Art. 18): the record is only stored, so it is neither merged away nor filled in.
      const restricted = [keep, merge].find((c) => c.restricted_at);
      if (restricted) {
        throw new CustomersException(CustomersErrorCode.Restricted, `Merging is not possible: processing of customer ${restricted.id} has been restricted since ${new Date(restricted.restricted_at!).toISOString()}. The owner can lift the restriction after telling the person.`);
      }
      const moved = await this.repository.moveReferences(keep.id, merge.id);
      moved.audit_event = await this.audit.reassignSubject('customer', merge.id, keep.id);
      const fill: Partial<Record<(typeof FILLABLE)[number], string>> = {};
      for (const column of FILLABLE) if (keep[column] === null && merge[column] !== null) fill[column] = merge[column]!;
      // The merged row goes first: its e-mail address may be the one the kept customer takes.
      await this.repository.delete(merge.id);
      await this.repository.fill(keep.id, fill, at);
      const filled = Object.keys(fill).map(camel);
      this.audit.record({ actor: by, action: 'customer.merged', subjectType: 'customer', subjectId: keep.id, fields: filled });
      this.audit.record({ actor: by, action: 'customer.merged_into', subjectType: 'customer', subjectId: merge.id, fields: [] });
      return { keptId: keep.id, mergedId: merge.id, moved, filled };
    });
  }
}

function toDuplicate(c: CustomerRow): DuplicateCustomer {
  const billing = [c.billing_first_name, c.billing_last_name].filter(Boolean).join(' ');
  return {
    id: c.id,
    version: c.version,
    name: c.company_name ?? (billing || c.contact_name || ''),
    email: c.email,
    phone: c.phone,
    businessId: c.business_id,
    city: c.city,
    createdAt: new Date(c.created_at),
  };
}
