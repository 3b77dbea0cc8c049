// The outbox's records (platform.outbox_message): the only file of the lib that reaches PostgreSQL. Platform table,
// no tenant bound: statements run on a fork of the ORM's manager, or in the context's open transaction (DatabaseContext).
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { boundSql, DatabaseContext } from '@app/database';

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
  constructor(
    private readonly orm: MikroORM,
    private readonly database: DatabaseContext,
  ) {}

  /** Runs fn in the context's open transaction (a tenant's or a platform one), otherwise in one of its own. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.database.transaction(fn);
  }

  /** Records the messages, in the open transaction; returns the ids that were not recorded before. */
  async insertRecords(topic: string, items: { id: string; ref: string | null }[]): Promise<Set<string>> {
    const inserted = await this.database.sql<{ id: string }>(
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
