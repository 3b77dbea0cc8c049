// Customers written many at a time (an import of thousands of rows): one statement per batch instead of one
// entity per row, inside the caller's transaction (the tenant context's open one), each record still in the audit
// trail (fields, never values).
import { Injectable } from '@nestjs/common';
import { type Actor, actorKey } from '@app/core';
import { AuditTrailService } from '@app/tenancy';
import type { CustomerField, CustomerFields } from './customer-fields';
import { type CustomerMatch, CustomersRepository } from './customers.repository';

export type { CustomerMatch } from './customers.repository';

@Injectable()
export class CustomerBulkService {
  constructor(
    private readonly audit: AuditTrailService,
    private readonly repository: CustomersRepository,
  ) {}

  /** Customers of the register with any of these e-mail addresses (compared in lower case) or E.164 phones. */
  async matching(emails: string[], phones: string[]): Promise<CustomerMatch[]> {
    if (emails.length === 0 && phones.length === 0) return [];
    return this.repository.matching(emails, phones);
  }

  /** New customers, in one statement; recorded as `customer.created` with the fields each was given. */
  async insertMany(actor: Actor, rows: { id: string; data: CustomerFields }[], at: Date, action = 'customer.created'): Promise<void> {
    if (rows.length === 0) return;
    await this.repository.insertMany(rows, at);
    await this.audit.recordMany(rows.map(({ id, data }) => ({ actor: actorKey(actor), action, subjectType: 'customer', subjectId: id, fields: Object.keys(data) })), at);
  }

  /**
   * Fields given replace the record's, fields not given are kept; the version rises (an edit open elsewhere
   * becomes stale). Recorded as `customer.updated` with the fields that really changed. A customer whose
   * processing is restricted (Art. 18) is never written over (the import's plan says so row by row).
   */
  async updateMany(actor: Actor, rows: { id: string; data: CustomerFields }[], at: Date, action = 'customer.updated'): Promise<void> {
    if (rows.length === 0) return;
    const old = await this.repository.lockUnrestricted(rows.map((r) => r.id));
    const changed = rows
      .map(({ id, data }) => ({ id, data, fields: (Object.keys(data) as CustomerField[]).filter((key) => old.has(id) && old.get(id)![key]?.trimEnd() !== data[key]) }))
      .filter((c) => c.fields.length > 0);
    if (changed.length === 0) return;
    await this.repository.updateMany(changed, at);
    await this.audit.recordMany(changed.map((c) => ({ actor: actorKey(actor), action, subjectType: 'customer', subjectId: c.id, fields: c.fields })), at);
  }
}
