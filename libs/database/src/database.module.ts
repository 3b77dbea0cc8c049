// MikroORM for entities, and a plain pg pool for the session store, throttling and the few statements every
// request makes (bench/README.md: the ORM's query building cost more CPU than PostgreSQL's answer), both on one database.
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { Pool } from 'pg';
import { HealthController } from './health.controller';

export const PG_POOL = Symbol('PG_POOL');
export const DATABASE_URL = Symbol('DATABASE_URL');

export interface DatabaseOptions {
  url: string;
  entities: EntitySchema[];
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 10;

export async function createOrm(options: DatabaseOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    pool: { min: 0, max: options.poolSize ?? DEFAULT_POOL_SIZE },
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
  });
}

function createPool(url: string, size: number) {
  return () => {
    const pool = new Pool({ connectionString: url, max: size });
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
  await Promise.race([work.catch((error: unknown) => logger.warn({ err: error }, 'database shutdown failed')), timeout]);
  clearTimeout(timer);
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      controllers: [HealthController],
      providers: [
        { provide: DATABASE_URL, useValue: options.url },
        { provide: MikroORM, useFactory: () => createOrm(options) },
        { provide: PG_POOL, useFactory: createPool(options.url, options.poolSize ?? DEFAULT_POOL_SIZE) },
      ],
      exports: [MikroORM, PG_POOL, DATABASE_URL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // A connection killed mid-transaction (a PostgreSQL restart, an operator's pg_terminate_backend) can stay
    // checked out of the driver's pool forever; shutting down must not wait for it.
    await withTimeout(this.orm.close(true), 5000);
    await withTimeout(this.pool.end(), 5000);
  }
}
