// The job queue's tables (pg-boss in its own `pgboss` schema): the only file of the lib that reaches PostgreSQL.
// JobsService keeps the queues, handlers and policies; this file owns pg-boss and its connections.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fromKysely, PgBoss, type JobInsert, type JobResult, type JobWithMetadata, type Queue, type SendOptions } from 'pg-boss';
import { Client } from 'pg';
import { DATABASE_URL, DatabaseContext } from '@app/database';

export const JOBS_SCHEMA = 'pgboss';

/** Retry and retention policy of a queue; every job sent to it inherits them. */
export type QueuePolicy = Omit<Queue, 'name' | 'policy' | 'partition'>;

export interface FetchedJob {
  id: string;
  data: unknown;
  retryCount: number;
  retryLimit: number;
}

export type JobOutcome = { id: string; status: 'completed' | 'failed'; output?: object };

/** The queue's connection: one pg-boss instance per started queue. */
export interface JobsConnection {
  start(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
  ensureQueue(name: string, policy: QueuePolicy): Promise<void>;
  /** In the context's open transaction (tenant or platform) when there is one: the job exists only if it commits. */
  send(name: string, data: object, options: { id?: string; startAfter?: Date | number }): Promise<string | null>;
  /** In the context's open transaction when there is one, as `send`. */
  insert(name: string, jobs: { id?: string; data: object }[]): Promise<void>;
  fetch(name: string, batchSize: number): Promise<FetchedJob[]>;
  settle(name: string, results: JobOutcome[]): Promise<void>;
  work(name: string, options: { batchSize: number; pollingIntervalSeconds: number }, run: (jobs: FetchedJob[]) => Promise<JobOutcome[]>): Promise<void>;
  schedule(name: string, cron: string, data: object | null): Promise<void>;
}

/** pg-boss statements on the connection of the context's open transaction, if any (MikroORM runs SQL through Kysely). */
function transactionDb(em: EntityManager | undefined) {
  const trx = em?.getTransactionContext<Parameters<typeof fromKysely>[0]>();
  return trx ? fromKysely(trx) : undefined;
}

@Injectable()
export class JobsRepository {
  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  /** A pg-boss instance (not started); `workers` false: a producer-only instance runs no timers. */
  connect(workers: boolean, onError: (error: unknown) => void): JobsConnection {
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'rekisteri-jobs',
      // On Citus the queue's objects exist on the coordinator only (createSchemaOnCoordinator): its sessions must not
      // forward their DDL to the workers. On plain PostgreSQL this is an inert placeholder setting.
      options: '-c citus.enable_ddl_propagation=off',
      max: 4,
      // A producer-only instance runs no timers: no maintenance, no cron, no instance heartbeat.
      supervise: workers,
      schedule: workers,
      registerInstance: workers,
    });
    boss.on('error', onError);
    const view = (job: JobWithMetadata<unknown>): FetchedJob => ({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
    return {
      start: async () => {
        await this.createSchemaOnCoordinator();
        await boss.start();
      },
      stop: (timeout) => boss.stop({ graceful: true, close: true, timeout }),
      ensureQueue: async (name, policy) => {
        // createQueue leaves an existing queue as it is; updateQueue brings its policy up to date.
        await boss.createQueue(name, policy);
        if (Object.keys(policy).length) await boss.updateQueue(name, policy);
      },
      send: (name, data, options) => {
        const send: SendOptions = { ...options };
        const db = transactionDb(DatabaseContext.openTransaction());
        if (db) send.db = db;
        return boss.send(name, data, send);
      },
      insert: async (name, jobs) => {
        const rows: JobInsert[] = jobs.map((job) => ({ ...(job.id ? { id: job.id } : {}), data: job.data }));
        const db = transactionDb(DatabaseContext.openTransaction());
        await boss.insert(name, rows, db ? { db } : {});
      },
      fetch: async (name, batchSize) => (await boss.fetch<unknown>(name, { batchSize, includeMetadata: true })).map(view),
      settle: async (name, results) => {
        for (const result of results) {
          if (result.status === 'completed') await boss.complete(name, result.id, result.output ?? null);
          else await boss.fail(name, result.id, result.output ?? null);
        }
      },
      work: async (name, options, run) => {
        await boss.work(
          name,
          { batchSize: options.batchSize, includeMetadata: true, perJobResults: true, burstWhenBatchFull: true, pollingIntervalSeconds: options.pollingIntervalSeconds },
          async (jobs: JobWithMetadata<unknown>[]): Promise<JobResult[]> => (await run(jobs.map(view))) as JobResult[],
        );
      },
      schedule: async (name, cron, data) => {
        await boss.schedule(name, cron, data, { tz: 'UTC' });
      },
    };
  }

  /**
   * The queue is the platform's, so on a Citus cluster its schema stays on the coordinator: created here with
   * schema-based sharding off (pg-boss would create it as a distributed schema, and Citus cannot forward pg-boss's
   * multi-statement install script to a worker: "cannot insert multiple commands into a prepared statement"; its
   * types and functions would be forwarded too, which is why pg-boss's sessions run with DDL propagation off).
   * On plain PostgreSQL the setting is an inert placeholder and this only creates the schema pg-boss would create.
   */
  private async createSchemaOnCoordinator(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'rekisteri-jobs' });
    await client.connect();
    try {
      await client.query(`begin; set local citus.enable_schema_based_sharding = off; create schema if not exists ${JOBS_SCHEMA}; commit`);
    } finally {
      await client.end();
    }
  }
}
