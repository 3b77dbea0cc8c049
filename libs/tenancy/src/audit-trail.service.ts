// The tenant's audit trail: who did what to which record, naming the fields but never their values.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantContext } from './tenant-context';
import { AuditEvent } from './staff-user.entity';

export interface AuditEntry {
  occurredAt: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  fields: string[];
}

@Injectable()
export class AuditTrailService {
  constructor(private readonly context: TenantContext) {}

  /** Adds an entry to the unit of work of `em` (the caller's transaction), or of the tenant's manager. */
  record(entry: Omit<AuditEntry, 'occurredAt'>, em: EntityManager = this.context.em()): void {
    em.create(AuditEvent, { ...entry, fields: [...entry.fields].sort() });
  }

  async forSubject(subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    const events = await this.context.em().find(AuditEvent, { subjectType, subjectId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
    return events.map(({ occurredAt, actor, action, subjectType: type, subjectId: id, fields }) => ({ occurredAt, actor, action, subjectType: type, subjectId: id ?? null, fields }));
  }
}
