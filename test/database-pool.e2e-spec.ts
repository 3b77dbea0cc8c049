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

// A connection that dies inside a transaction (a PostgreSQL restart, an operator's pg_terminate_backend) must go
// back to the pool: MikroORM's transactions never release one whose COMMIT and ROLLBACK both fail, and two such
// deaths would leave this pool of two with nothing to serve.
describe('a connection that dies in a transaction', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ databasePoolSize: 2, databaseAcquireTimeoutMs: 1000 });
  });
  afterAll(() => ctx.close());

  it('is given back, so the pool keeps serving', async () => {
    const orm = ctx.get(MikroORM);
    const plain = ctx.get<Pool>(PG_POOL);
    for (let i = 0; i < 4; i++) {
      const dying = orm.em.fork().transactional(async (em) => {
        const [{ pid }] = (await em.execute('select pg_backend_pid() as pid')) as { pid: number }[];
        await plain.query('select pg_terminate_backend($1)', [pid]);
        // The commit that follows goes to a dead connection.
      });
      await expect(dying).rejects.toThrow();
    }
    const answer = await orm.em.fork().transactional((em) => em.execute('select 1 as ok'));
    expect(answer).toEqual([{ ok: 1 }]);
  });
});
