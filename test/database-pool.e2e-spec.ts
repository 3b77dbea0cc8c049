// DATABASE_POOL_SIZE sizes both pools of a process: the ORM's and the plain one every request uses.
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';
import { TestContext } from '@app/testing';

describe('database pools', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ databasePoolSize: 3 });
  });
  afterAll(() => ctx.close());

  it('opens at most the configured number of connections per pool', async () => {
    const pool = ctx.get<Pool>(PG_POOL);
    await Promise.all(Array.from({ length: 6 }, () => pool.query('select pg_sleep(0.05)')));
    expect(pool.totalCount).toBeLessThanOrEqual(3);
    expect(pool.options.max).toBe(3);
    expect(ctx.get(MikroORM).config.get('pool')).toMatchObject({ max: 3 });
  });
});
