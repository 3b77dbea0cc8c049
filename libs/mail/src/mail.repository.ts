// The outbox's records (platform.outbox_message): the only file of the lib that reaches PostgreSQL. Platform table,
// no tenant bound: statements run on a fork of the ORM's manager, or in the transaction the caller handed over.
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '@app/database';

/** A caller's open transaction (other libs still hand theirs over; to go once they use TenantContext.transaction). */
export type OutboxTransaction = EntityManager;

export interface OutboxHistoryRecord {
  topic: string;
  ref: string;
  messages: number;
  queued_at: string;
  delivered: number;
  failed: number;
}

@Injectable()
export class MailRepository {
  constructor(private readonly orm: MikroORM) {}

  /** Runs fn in `tx` when given, otherwise in a transaction of its own. */
  async transaction<T>(tx: OutboxTransaction | undefined, fn: (tx: OutboxTransaction) => Promise<T>): Promise<T> {
    return tx ? fn(tx) : this.orm.em.fork().transactional(fn);
  }

  /** Records the messages; returns the ids that were not recorded before. */
  async insertRecords(tx: OutboxTransaction, topic: string, items: { id: string; ref: string | null }[]): Promise<Set<string>> {
    const inserted = await boundSql(tx)<{ id: string }>(
      `insert into platform.outbox_message (id, topic, ref)
       select id, $2, ref from unnest($1::uuid[], $3::text[]) as t(id, ref)
       on conflict (id) do nothing returning id`,
      [items.map((i) => i.id), topic, items.map((i) => i.ref)],
    );
    return new Set(inserted.map((r) => r.id));
  }

  history(topics: string[], prefix: string): Promise<OutboxHistoryRecord[]> {
    return boundSql(this.orm.em.fork())<OutboxHistoryRecord>(
      `select topic, ref, count(*)::int as messages, min(queued_at) as queued_at, count(delivered_at)::int as delivered, count(failed_at)::int as failed
         from platform.outbox_message
        where topic = any($1::text[]) and (ref = $2 or left(ref, $3) = $2 || ':')
        group by topic, ref
        order by min(queued_at), topic, ref`,
      [topics, prefix, prefix.length + 1],
    );
  }

  /** The message's record: undefined when there is none, its delivery time (or null) otherwise. */
  async deliveredAt(id: string): Promise<{ delivered_at: string | null } | undefined> {
    const [record] = await boundSql(this.orm.em.fork())<{ delivered_at: string | null }>(`select delivered_at from platform.outbox_message where id = $1`, [id]);
    return record;
  }

  async recordFailure(id: string, code: string, final: boolean): Promise<void> {
    await boundSql(this.orm.em.fork())(
      `update platform.outbox_message set attempts = attempts + 1, last_error = $2, failed_at = case when $3::boolean then now() end where id = $1`,
      [id, code, final],
    );
  }

  async recordDelivery(id: string): Promise<string> {
    const [delivered] = await boundSql(this.orm.em.fork())<{ delivered_at: string }>(
      `update platform.outbox_message set attempts = attempts + 1, delivered_at = now(), last_error = null, failed_at = null where id = $1 returning delivered_at`,
      [id],
    );
    return delivered.delivered_at;
  }
}
