// The one open transaction of the current async context (issue 13 part 1: "the open transaction travels in the
// context, not as `em` parameters"). One slot per request, CLI run or job: TenantContext keeps the bound tenant in it,
// and whichever transaction is open, a tenant's (TenantContext.transaction) or a platform one (DatabaseContext
// .transaction, no tenant needed), is the same `em` of that slot. So a tenant transaction that also writes platform
// tables (the outbox, the job queue, the erasure ledger) writes them in it, and a platform transaction is found by
// every repository reached from it without anybody handing an EntityManager along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { boundSql } from './bound-sql';

/** What the current async context holds: the bound tenant (set by TenantContext) and the open transaction. */
export interface ContextSlot {
  tenant?: { tenantId: string; slug: string; schema: string; suspended?: true };
  /** The bound tenant's manager (schema set), or the open transaction's. */
  em?: EntityManager;
}

/** The slots; only TenantContext and DatabaseContext read or set them. */
export const contextSlots = new AsyncLocalStorage<ContextSlot>();

@Injectable()
export class DatabaseContext {
  constructor(private readonly orm: MikroORM) {}

  /** The open transaction's manager (tenant or platform), or undefined outside one. */
  static openTransaction(): EntityManager | undefined {
    const em = contextSlots.getStore()?.em;
    return em?.isInTransaction() ? em : undefined;
  }

  /**
   * Runs fn in one transaction, for platform tables (no tenant needs to be bound). It joins whichever transaction is
   * open, a tenant's too; with a tenant bound and none open it opens the tenant's, so the tenant repositories reached
   * from fn write in it as well. The outermost call commits or rolls back.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const slot = contextSlots.getStore();
    if (slot?.em?.isInTransaction()) return fn();
    if (slot?.tenant) {
      slot.em ??= this.orm.em.fork({ schema: slot.tenant.schema });
      return slot.em.transactional((tx) => contextSlots.run({ ...slot, em: tx }, fn));
    }
    return this.orm.em.fork().transactional((tx) => contextSlots.run({ ...slot, em: tx }, fn));
  }

  /** Whether a transaction (tenant or platform) is open in the current context. */
  get inTransaction(): boolean {
    return DatabaseContext.openTransaction() !== undefined;
  }

  /**
   * For platform tables: the open transaction's manager (platform entities name their schema, so a tenant's reaches
   * them too), else a fresh one (one unit of work per call).
   */
  em(): EntityManager {
    return DatabaseContext.openTransaction() ?? this.orm.em.fork();
  }

  /** SQL with bind parameters ($1, $2, ...) on platform tables, inside the open transaction if there is one. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]> {
    return boundSql(this.em())<T>(text, values);
  }
}
