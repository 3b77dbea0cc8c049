// All SQL of the access log. Everything is schema-qualified; no session state is changed.
//
// The access log keeps a small pool of its own, apart from the ORM's, for two reasons:
// - its writes must not compete with requests: every request adds a row, and the writer flushes them in batches
//   from a timer; on the request pool a flush would queue behind (and hold connections from) the requests it
//   logs, and a busy pool would make the log fall behind exactly when there is most to record;
// - its life is the log's own: the access log closes it after its last flush on shutdown
//   (AccessLogService.onApplicationShutdown), whenever the ORM's pool closes.
// It also fails fast while the database is away (the writer keeps its rows and its journal and tries again).
import { Inject, Injectable } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { DATABASE_URL } from '@app/database';
import type { AccessLogRow } from './access-log.writer';
import type { JournalMark } from './access-log.journal';
import { errorCode } from './access-log.writer';
import { DAY_MS, type SearchFilters, utcDay } from './search-filters';

/** PostgreSQL's "no partition of relation found for row". */
const NO_PARTITION = '23514';
const LOCK = `select pg_advisory_xact_lock(hashtext('rekisteri:access-log-maintenance'))`;

// unnest turns nine arrays into rows: one statement and nine parameters whatever the batch size. The same
// statement moves the writing process's journal mark ($10, $11), so the mark and the rows commit together.
const INSERT = `
  with written as (
    insert into platform.access_log (logged_at, ip, method, route, status, latency_ms, tenant_id, principal, request_id)
    select * from unnest($1::timestamptz[], $2::inet[], $3::text[], $4::text[], $5::smallint[], $6::integer[], $7::uuid[], $8::text[], $9::uuid[]))
  insert into platform.access_log_journal (journal, seq)
  select $10::uuid, $11::bigint where $10::uuid is not null
  on conflict (journal) do update set seq = greatest(access_log_journal.seq, excluded.seq), updated_at = now()`;

/** A row as a search finds it: as written, without the writer's journal position. */
export type FoundRow = Omit<AccessLogRow, 'seq'>;

export interface SearchRecord {
  id: string;
  searchedAt: Date;
  investigatorId: string;
  filters: Record<string, unknown>;
  justification: string;
  rowCount: number;
  tenantIds: string[];
}

export interface AuditRow extends SearchRecord {
  investigatorEmail: string;
  investigatorName: string;
}

export interface TransparencyRow {
  id: string;
  searchedAt: Date;
  justification: string;
}

export interface Keyset {
  at: Date;
  id: string;
}

function createPool(url: string): Pool {
  // Fail fast while the database is away: the writer keeps its rows and tries again on the next tick.
  const pool = new Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 5_000, statement_timeout: 30_000, application_name: 'rekisteri-access-log' });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

@Injectable()
export class AccessLogRepository {
  private readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    this.pool = createPool(databaseUrl);
  }

  /** Writes the rows; with `mark`, records that the journal is in the database up to it, in the same statement. */
  async insert(rows: AccessLogRow[], mark?: JournalMark): Promise<void> {
    const columns = [
      rows.map((r) => r.loggedAt),
      rows.map((r) => r.ip),
      rows.map((r) => r.method),
      rows.map((r) => r.route),
      rows.map((r) => r.status),
      rows.map((r) => r.latencyMs),
      rows.map((r) => r.tenantId),
      rows.map((r) => r.principal),
      rows.map((r) => r.requestId),
      mark?.journal ?? null,
      mark?.seq ?? null,
    ];
    try {
      await this.pool.query(INSERT, columns);
    } catch (error) {
      // The schedule keeps a week of partitions ahead; if it has not run (or the clock jumped), make them now.
      if (errorCode(error) !== NO_PARTITION) throw error;
      const times = rows.map((r) => r.loggedAt.getTime());
      const first = new Date(Math.min(...times));
      const days = Math.floor((Math.max(...times) - first.getTime()) / DAY_MS) + 2;
      if (days > 31) throw error;
      await this.ensurePartitions(utcDay(first), days);
      await this.pool.query(INSERT, columns);
    }
  }

  /** How far a journal got into the database (0: nowhere). */
  async journalMark(journal: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>('select seq from platform.access_log_journal where journal = $1', [journal]);
    return rows.length ? Number(rows[0].seq) : 0;
  }

  async forgetJournal(journal: string): Promise<void> {
    await this.pool.query('delete from platform.access_log_journal where journal = $1', [journal]);
  }

  /** Creates the missing daily partitions from `firstDay` on; returns how many it made. */
  ensurePartitions(firstDay: string, days: number): Promise<number> {
    return this.maintenance(async (client) => {
      const { rows } = await client.query<{ made: number }>('select platform.access_log_ensure_partitions($1::date, $2::integer) as made', [firstDay, days]);
      return rows[0].made;
    });
  }

  /** Drops the daily partitions whose every row is older than `cutoff`; returns their names. */
  dropPartitionsBefore(cutoff: Date): Promise<string[]> {
    return this.maintenance(async (client) => {
      const { rows } = await client.query<{ name: string }>('select name from platform.access_log_drop_partitions($1::timestamptz) as name', [cutoff]);
      return rows.map((r) => r.name);
    });
  }

  /** Deletes the tenant's rows older than `days` before `now` (its register settings promise a shorter period); returns how many. */
  async purgeTenantOlderThan(tenantId: string, now: Date, days: number): Promise<number> {
    const result = await this.pool.query(`delete from platform.access_log where tenant_id = $1 and logged_at < $2::timestamptz - make_interval(days => $3)`, [tenantId, now, days]);
    return result.rowCount ?? 0;
  }

  async isMigrated(): Promise<boolean> {
    const { rows } = await this.pool.query<{ ok: boolean }>(`select to_regclass('platform.access_log') is not null as ok`);
    return rows[0].ok;
  }

  /**
   * A search of the log and its audit row, in one transaction (they commit together or not at all): the rows
   * `filters` find (none without filters), and the record `audit` makes of them.
   */
  searchAndRecord(filters: SearchFilters | null, limit: number, audit: (found: FoundRow[]) => SearchRecord): Promise<FoundRow[]> {
    return this.transaction(async (client) => {
      const found = filters ? await this.find(client, filters, limit) : [];
      await this.recordSearch(client, audit(found));
      return found;
    });
  }

  /** Runs `fn` in one transaction on one connection. */
  private async transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async find(client: PoolClient, filters: SearchFilters, limit: number): Promise<FoundRow[]> {
    // A runaway network search must not hold a connection (or block partition upkeep) for long.
    await client.query(`set local statement_timeout = '10s'`);
    const params: unknown[] = [filters.from, filters.to];
    const where = ['logged_at >= $1', 'logged_at < $2'];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    // An address compares for equality; a network uses <<=, which PostgreSQL turns into a range on the (ip, logged_at) index.
    if (filters.ip) add((n) => (filters.ip!.includes('/') ? `ip <<= ${n}::inet` : `ip = ${n}::inet`), filters.ip);
    if (filters.tenantId) add((n) => `tenant_id = ${n}::uuid`, filters.tenantId);
    if (filters.principal) add((n) => `principal = ${n}`, filters.principal);
    params.push(limit);
    const { rows } = await client.query<FoundRow>(
      `select logged_at as "loggedAt", host(ip) as ip, method, route, status, latency_ms as "latencyMs", tenant_id as "tenantId", principal, request_id as "requestId"
       from platform.access_log where ${where.join(' and ')}
       order by logged_at desc, request_id desc limit $${params.length}`,
      params,
    );
    return rows;
  }

  private async recordSearch(client: PoolClient, record: SearchRecord): Promise<void> {
    await client.query(
      `insert into platform.access_log_search (id, searched_at, investigator_id, filters, justification, row_count, tenant_ids)
       values ($1, $2, $3, $4, $5, $6, $7::uuid[])`,
      [record.id, record.searchedAt, record.investigatorId, JSON.stringify(record.filters), record.justification, record.rowCount, record.tenantIds],
    );
  }

  /** A page of the searches, newest first; the investigators' names are PlatformStaffService's to give. */
  async auditPage(limit: number, after?: Keyset): Promise<SearchRecord[]> {
    const params: unknown[] = [limit];
    const where = after ? 'where (s.searched_at, s.id) < ($2, $3)' : '';
    if (after) params.push(after.at, after.id);
    const { rows } = await this.pool.query<SearchRecord>(
      `select s.id, s.searched_at as "searchedAt", s.investigator_id as "investigatorId",
              s.filters, s.justification, s.row_count as "rowCount", s.tenant_ids as "tenantIds"
       from platform.access_log_search s
       ${where} order by s.searched_at desc, s.id desc limit $1`,
      params,
    );
    return rows;
  }

  async transparencyPage(tenantId: string, limit: number, after?: Keyset): Promise<TransparencyRow[]> {
    const params: unknown[] = [tenantId, limit];
    const where = after ? 'and (searched_at, id) < ($3, $4)' : '';
    if (after) params.push(after.at, after.id);
    const { rows } = await this.pool.query<TransparencyRow>(
      `select id, searched_at as "searchedAt", justification from platform.access_log_search
       where tenant_ids @> array[$1::uuid] ${where} order by searched_at desc, id desc limit $2`,
      params,
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** Partition upkeep: one instance at a time (the advisory lock), and never stuck behind traffic for long. */
  private maintenance<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query(`set local lock_timeout = '5s'`);
      await client.query(LOCK);
      return fn(client);
    });
  }
}
