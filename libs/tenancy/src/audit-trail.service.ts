// The tenant's audit trail: who did what to which record, naming the fields but never their values.
import { Injectable } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { TenantStaffRepository } from './tenant-staff.repository';

export interface AuditEntry {
  occurredAt: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  fields: string[];
}

/** An entry as people read it: the actor named when they are (or were) one of the business's own staff. */
export interface NamedAuditEntry extends AuditEntry {
  actorName: string | null;
}

@Injectable()
export class AuditTrailService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: TenantStaffRepository,
  ) {}

  // The entries go into the tenant context's open transaction (TenantContext.transaction()); none is handed over.

  /** Adds an entry to the unit of work of the tenant context's (open) transaction. */
  record(entry: Omit<AuditEntry, 'occurredAt'>): void {
    this.repository.addAuditEvent(entry);
  }

  /** Many entries in one statement, in the open transaction (an import writes one per customer). */
  async recordMany(entries: Omit<AuditEntry, 'occurredAt'>[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await this.repository.insertAuditEvents(entries, at);
  }

  /** Gives one subject's trail to another (two records of one customer merged), in the open transaction. */
  reassignSubject(subjectType: string, from: string, to: string): Promise<number> {
    return this.repository.reassignAuditSubject(subjectType, from, to);
  }

  async forSubject(subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    const events = await this.repository.auditEvents(subjectType, subjectId);
    return events.map(({ occurredAt, actor, action, subjectType: type, subjectId: id, fields }) => ({ occurredAt, actor, action, subjectType: type, subjectId: id ?? null, fields }));
  }

  /** The subject's trail with staff names: disabled members keep theirs; other actors (the customer, the system) get null. */
  async forSubjectNamed(subjectType: string, subjectId: string): Promise<NamedAuditEntry[]> {
    const entries = await this.forSubject(subjectType, subjectId);
    const prefix = `tenant-staff:${this.context.tenant.tenantId}:`;
    const ids = [...new Set(entries.filter((e) => e.actor.startsWith(prefix)).map((e) => e.actor.slice(prefix.length)))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
    const names = await this.repository.staffNames(ids);
    return entries.map((e) => ({ ...e, actorName: e.actor.startsWith(prefix) ? (names.get(e.actor.slice(prefix.length)) ?? null) : null }));
  }
}
