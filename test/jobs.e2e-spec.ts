// The job queue: workers run what is sent (one job's failure is its own), schedules are stored for the
// instances that run workers, and with JOBS_ENABLED=false jobs wait until driven.
import { JobsService } from '@app/jobs';
import { TestContext } from '@app/testing';

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('jobs with workers', () => {
  let ctx: TestContext;
  let jobs: JobsService;

  beforeAll(async () => {
    ctx = await TestContext.create({ jobsPollingSeconds: 0.5 });
    jobs = ctx.get(JobsService);
  });
  afterAll(() => ctx.close());

  it('runs each job sent, settling a failing one alone and retrying it by the queue’s policy', async () => {
    const seen: { n: number; attempt: number }[] = [];
    jobs.queue('test-work', { retryLimit: 1, retryDelay: 1 });
    jobs.work<{ n: number }>('test-work', async (job) => {
      seen.push({ n: job.data.n, attempt: job.retryCount });
      if (job.data.n === 2 && !job.lastAttempt) throw Object.assign(new Error('to: someone@example.test refused'), { code: 'EENVELOPE' });
    });
    for (const n of [1, 2, 3]) await jobs.send('test-work', { n });
    await until(() => seen.length >= 4);
    expect(seen.filter((s) => s.n !== 2)).toHaveLength(2);
    expect(seen.filter((s) => s.n === 2).map((s) => s.attempt)).toEqual([0, 1]);
    const rows = await ctx.sql<{ state: string; output: unknown }>(`select state, output from pgboss.job where name = 'test-work' order by data->>'n'`);
    expect(rows.map((r) => r.state)).toEqual(['completed', 'completed', 'completed']);
  });

  it('keeps only a failure’s name and code, never its message', async () => {
    jobs.queue('test-fail', { retryLimit: 0 });
    jobs.work('test-fail', async () => {
      throw Object.assign(new Error('550 <someone@example.test> unknown'), { code: 'EENVELOPE' });
    });
    const id = (await jobs.send('test-fail', {}))!;
    await until(async () => (await ctx.sql<{ state: string }>('select state from pgboss.job where id = ?', [id]))[0].state === 'failed');
    const [row] = await ctx.sql<{ output: unknown }>('select output from pgboss.job where id = ?', [id]);
    expect(row.output).toEqual({ error: 'Error', code: 'EENVELOPE' });
  });

  it('registers this process as a running instance', async () => {
    expect(await ctx.sql(`select 1 from pgboss.instance where stopped_on is null`)).toHaveLength(1);
  });

  it('stores a schedule, in UTC', async () => {
    jobs.schedule('test-cron', '*/5 * * * *', { purpose: 'test' });
    await until(async () => (await ctx.sql(`select 1 from pgboss.schedule where name = 'test-cron'`)).length === 1);
    const [row] = await ctx.sql<{ cron: string; timezone: string }>(`select cron, timezone from pgboss.schedule where name = 'test-cron'`);
    expect(row).toEqual({ cron: '*/5 * * * *', timezone: 'UTC' });
  });

  it('refuses a job id twice', async () => {
    const id = '3b1d6c2e-0f7a-4c55-9d0e-1a2b3c4d5e6f';
    jobs.queue('test-once');
    expect(await jobs.send('test-once', { a: 1 }, { id })).toBe(id);
    expect(await jobs.send('test-once', { a: 2 }, { id })).toBeNull();
  });
});

describe('jobs with JOBS_ENABLED=false', () => {
  let ctx: TestContext;
  let jobs: JobsService;

  beforeAll(async () => {
    ctx = await TestContext.create({ jobsEnabled: false, jobsPollingSeconds: 0.5 });
    jobs = ctx.get(JobsService);
  });
  afterAll(() => ctx.close());

  it('queues jobs but runs them only when driven', async () => {
    const seen: number[] = [];
    jobs.work<{ n: number }>('test-driven', async (job) => void seen.push(job.data.n));
    await jobs.send('test-driven', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(seen).toEqual([]);
    expect(await jobs.runPending('test-driven')).toBe(1);
    expect(seen).toEqual([1]);
    expect(await jobs.runPending('test-driven')).toBe(0);
  });

  it('runs no workers or schedules in this process', async () => {
    jobs.schedule('test-cron-off', '*/5 * * * *');
    expect(await ctx.sql(`select 1 from pgboss.instance where stopped_on is null`)).toHaveLength(0);
    expect(await ctx.sql(`select 1 from pgboss.schedule where name = 'test-cron-off'`)).toHaveLength(0);
  });
});
