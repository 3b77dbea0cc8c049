// The tenant's audit trail: who did what to which record, naming the fields but never their values.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent } from '@app/database';
import { TenantContext } from './tenant-context';
import { AuditEvent, StaffUser } from './staff-user.entity';

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
  constructor(private readonly context: TenantContext) {}

  /** Adds an entry to the unit of work of `em` (the caller's transaction), or of the tenant's manager. */
  record(entry: Omit<AuditEntry, 'occurredAt'>, em: EntityManager = this.context.em()): void {
    em.create(AuditEvent, { ...entry, fields: [...entry.fields].sort() });
  }

  /** Many entries in one statement, in the caller's transaction (an import writes one per customer). */
  async recordMany(entries: Omit<AuditEntry, 'occurredAt'>[], em: EntityManager, at: Date): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({ actor: e.actor, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, fields: [...e.fields].sort() }));
    await em.execute(
      `insert into ${this.table()} (occurred_at, actor, action, subject_type, subject_id, fields)
       select ?, actor, action, subject_type, subject_id, fields
         from jsonb_to_recordset(?::jsonb) as r(actor text, action text, subject_type text, subject_id text, fields text[])`,
      [at, JSON.stringify(rows)],
    );
  }

  /** Gives one subject's trail to another (two records of one customer merged), in the caller's transaction. */
  async reassignSubject(subjectType: string, from: string, to: string, em: EntityManager): Promise<number> {
    const moved = (await em.execute(`update ${this.table()} set subject_id = ? where subject_type = ? and subject_id = ? returning 1`, [to, subjectType, from])) as unknown[];
    return moved.length;
  }

  private table(): string {
    return `${quoteIdent(this.context.tenant.schema)}.audit_event`;
  }

  async forSubject(subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    const events = await this.context.em().find(AuditEvent, { subjectType, subjectId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
    return events.map(({ occurredAt, actor, action, subjectType: type, subjectId: id, fields }) => ({ occurredAt, actor, action, subjectType: type, subjectId: id ?? null, fields }));
  }

  /** The subject's trail with staff names: disabled members keep theirs; other actors (the customer, the system) get null. */
  async forSubjectNamed(subjectType: string, subjectId: string): Promise<NamedAuditEntry[]> {
    const entries = await this.forSubject(subjectType, subjectId);
    const prefix = `tenant-staff:${this.context.tenant.tenantId}:`;
    const ids = [...new Set(entries.filter((e) => e.actor.startsWith(prefix)).map((e) => e.actor.slice(prefix.length)))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
    const staff = ids.length ? await this.context.em().find(StaffUser, { id: { $in: ids } }, { fields: ['id', 'name'], disableIdentityMap: true }) : [];
    const names = new Map(staff.map((s) => [s.id, s.name]));
    return entries.map((e) => ({ ...e, actorName: e.actor.startsWith(prefix) ? (names.get(e.actor.slice(prefix.length)) ?? null) : null }));
  }
}
