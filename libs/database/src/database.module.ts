// MikroORM for entities, and a plain pg pool for the session store, throttling and the few statements every
// request makes (bench/README.md: the ORM's query building cost more CPU than PostgreSQL's answer), both on one database.
// Both pools bound every wait: for a connection (acquire timeout), for a lock, for a statement, and for a
// transaction left idle; a connection that dies while checked out is destroyed, never returned (pool-guard.ts).
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { Pool, type PoolConfig } from 'pg';
import { HealthController } from './health.controller';
import { DatabaseHealth } from './database-health';
import { DatabaseContext } from './database-context';
import { guardCheckouts } from './pool-guard';

export const PG_POOL = Symbol('PG_POOL');
export const DATABASE_URL = Symbol('DATABASE_URL');

export interface DatabaseLimits {
  /** Connections per pool. */
  poolSize: number;
  /** Longest wait for a pooled connection (or a new one to open) before the request answers 503. */
  acquireTimeoutMs: number;
  /** Longest a single statement may run. */
  statementTimeoutMs: number;
  /** Longest a statement waits for a row or table lock. */
  lockTimeoutMs: number;
}

export interface DatabaseOptions extends Partial<DatabaseLimits> {
  url: string;
  entities: EntitySchema[];
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { poolSize: 10, acquireTimeoutMs: 3_000, statementTimeoutMs: 30_000, lockTimeoutMs: 3_000 };
/** A transaction left open without a statement this long is ended by PostgreSQL (and its connection with it). */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** Connection settings shared by both pools; PostgreSQL applies the timeouts to every session it opens. */
export function poolConfig(url: string, options: Partial<DatabaseLimits> = {}): PoolConfig {
  const limits = { ...DEFAULT_DATABASE_LIMITS, ...options };
  return {
    connectionString: url,
    max: limits.poolSize,
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
  };
}

export async function createOrm(options: DatabaseOptions): Promise<MikroORM> {
  const { connectionString: _url, max, ...driverOptions } = poolConfig(options.url, options);
  return MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    pool: { min: 0, max },
    driverOptions: { ...driverOptions, onPoolCreated: (pool: Pool) => guardCheckouts(pool) },
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
  });
}

function createPool(options: DatabaseOptions) {
  return () => {
    const pool = guardCheckouts(new Pool(poolConfig(options.url, options)));
    // An idle client dies when PostgreSQL restarts; without a listener that would crash the process.
    pool.on('error', (error: Error & { code?: string }) => logger.warn({ code: error.code }, 'idle database connection lost'));
    return pool;
  };
}

const logger = new Logger('Database');

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ ms }, 'database shutdown timed out; continuing');
      resolve();
    }, ms);
  });
  await Promise.race([work.catch((error: unknown) => logger.warn({ code: (error as { code?: string }).code }, 'database shutdown failed')), timeout]);
  clearTimeout(timer);
}

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/**
 * Where the connections come from, set once by the app or the CLI (`DatabaseModule.forRoot`): the one global part.
 * The connections themselves are not global.
 */
@Global()
@Module({})
class DatabaseOptionsModule {}

/**
 * MikroORM and the plain pool. Not global: a lib whose repositories reach PostgreSQL imports this module, so the
 * module graph says which libs do (and the lint rule says which files: only `*.repository.ts`).
 */
@Module({
  controllers: [HealthController],
  providers: [
    { provide: DATABASE_URL, useFactory: (options: DatabaseOptions) => options.url, inject: [DATABASE_OPTIONS] },
    { provide: MikroORM, useFactory: createOrm, inject: [DATABASE_OPTIONS] },
    { provide: PG_POOL, useFactory: (options: DatabaseOptions) => createPool(options)(), inject: [DATABASE_OPTIONS] },
    { provide: DatabaseHealth, useFactory: (options: DatabaseOptions) => new DatabaseHealth(options.url), inject: [DATABASE_OPTIONS] },
    DatabaseContext,
  ],
  exports: [MikroORM, PG_POOL, DATABASE_URL, DatabaseHealth, DatabaseContext],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly health: DatabaseHealth,
  ) {}

  /** The app's (or CLI's) database: its options, and the connections opened once for every lib that imports this module. */
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseOptionsModule,
      imports: [DatabaseModule],
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }],
      exports: [DATABASE_OPTIONS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await withTimeout(this.orm.close(true), 5000);
    await withTimeout(this.pool.end(), 5000);
    await withTimeout(this.health.close(), 1000);
  }
}
