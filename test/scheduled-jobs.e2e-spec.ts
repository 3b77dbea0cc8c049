// The nightly jobs: registered on the PostgreSQL queue, and doing what the statement promises when they run.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '@app/core';
import { JobsService } from '@app/jobs';
import { BACKUP_JOB, BACKUP_KEEP_DAYS, REMINDER_JOB, RETENTION_JOB, ScheduledJobs } from '@app/retention';
import { TestContext, type TestTenant } from '@app/testing';

describe('scheduled jobs', () => {
  let ctx: TestContext;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    // Workers off: the test drives the queue itself, so nothing else takes its jobs.
    ctx = await TestContext.create({ jobsEnabled: false });
    a = await ctx.newTenant();
    b = await ctx.newTenant();
  });
  afterAll(() => ctx.close());

  it('runs retention, backups and reminders through the job queue', async () => {
    const jobs = ctx.get(JobsService);
    for (const name of [RETENTION_JOB, BACKUP_JOB, REMINDER_JOB]) {
      await jobs.send(name, {});
      expect(await jobs.runPending(name)).toBe(1);
    }
    const backups = readdirSync(resolve(ctx.get(AppConfig).dataDir, 'backups'));
    expect(backups.some((f) => f.startsWith(`${a.slug}-`))).toBe(true);
    expect(backups.some((f) => f.startsWith(`${b.slug}-`))).toBe(true);
  });

  it('backs up every tenant and deletes nightly backups past their keeping time', async () => {
    const dir = resolve(ctx.get(AppConfig).dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    const stale = join(dir, 'old-tenant-2020-01-01.backup.gz');
    writeFileSync(stale, 'x');
    const old = new Date(Date.now() - (BACKUP_KEEP_DAYS + 1) * 86_400_000);
    utimesSync(stale, old, old);
    const result = await ctx.get(ScheduledJobs).backUpAll();
    expect(result.backedUp).toEqual(expect.arrayContaining([a.slug, b.slug]));
    expect(result.deleted).toEqual(['old-tenant-2020-01-01.backup.gz']);
    expect(existsSync(stale)).toBe(false);
  });

  it("reminds only the tenants with requests due soon or overdue, addressing their owners", async () => {
    const owner = await ctx.loginTenant(a, a.owner);
    // Registered two months ago: a request received 40 days ago cannot predate the customer.
    const customer = await ctx.at(new Date(Date.now() - 60 * 86_400_000), async () => (await owner.post(`/api/t/${a.slug}/customers`).send({ contactName: 'Odottaja' }).expect(201)).body);
    await owner.post(`/api/t/${a.slug}/requests`).send({ customerId: customer.id, type: 'access', channel: 'email', receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }).expect(201);
    expect(await ctx.get(ScheduledJobs).remindDeadlines()).toEqual([a.slug]);
    const queued = await ctx.sql<{ topic: string }>(`select topic from platform.outbox_message where topic = 'request-deadlines'`);
    expect(queued).toHaveLength(1);
  });
});
