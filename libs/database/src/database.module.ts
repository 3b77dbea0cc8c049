// MikroORM for entities and one small pg pool for the session store and throttling, both on one database.
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
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

export async function createOrm(options: DatabaseOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    pool: { min: 0, max: options.poolSize ?? 10 },
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
  });
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
        { provide: PG_POOL, useFactory: () => new Pool({ connectionString: options.url, max: 4 }) },
      ],
      exports: [MikroORM, PG_POOL, DATABASE_URL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close(true);
    await this.pool.end();
  }
}
