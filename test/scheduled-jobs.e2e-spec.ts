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

  it('the nightly retention job, taken from the queue, purges expired invoices and flags inactive customers in every tenant', async () => {
    ctx.clock.set('2026-12-01T02:00:00Z');
    try {
      const owner = await ctx.loginTenant(a, a.owner);
      const issue = async (customerId: string, issueDate: string) => {
        const draft = (await owner.post(`/api/t/${a.slug}/invoices`).send({ customerId, lines: [{ description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] }).expect(201)).body;
        const { id } = (await owner.post(`/api/t/${a.slug}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
        const year = Number(issueDate.slice(0, 4));
        await ctx.sql(`update "${a.schema}".invoice set issue_date = ?, retain_until = ?, created_at = ?::date where id = ?`, [issueDate, `${year + 6}-12-31`, issueDate, id]);
        return id as string;
      };
      const buyer = await ctx.newCustomer(a, { contactName: 'Laskutettava', streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
      const expired = await issue(buyer.id, '2018-05-02'); // held until the end of 2024
      const recent = await issue(buyer.id, '2024-02-01');
      const quiet = await ctx.newCustomer(b, { contactName: 'Hiljainen' });
      await ctx.sql(`update "${b.schema}".customer set created_at = '2022-06-01' where id = ?`, [quiet.id]);
      const lively = await ctx.newCustomer(b, { contactName: 'Tuore' });

      const jobs = ctx.get(JobsService);
      await jobs.send(RETENTION_JOB, {});
      expect(await jobs.runPending(RETENTION_JOB)).toBe(1);

      expect(await ctx.sql(`select id from "${a.schema}".invoice where id in (?, ?)`, [expired, recent])).toEqual([{ id: recent }]);
      expect(await ctx.sql(`select 1 from "${a.schema}".invoice_line where invoice_id = ?`, [expired])).toEqual([]);
      expect(await ctx.sql(`select actor from "${a.schema}".audit_event where action = 'invoice.purged' and subject_id = ?`, [expired])).toEqual([{ actor: 'scheduled' }]);
      const flagged = (await ctx.sql<{ customer_id: string }>(`select customer_id from "${b.schema}".retention_review`)).map((r) => r.customer_id);
      expect(flagged).toContain(quiet.id);
      expect(flagged).not.toContain(lively.id);
    } finally {
      ctx.clock.reset();
    }
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

  it('reminds only the tenants with requests due soon or overdue, addressing their owners and staff', async () => {
    const owner = await ctx.loginTenant(a, a.owner);
    // Registered two months ago: a request received 40 days ago cannot predate the customer.
    const customer = await ctx.at(new Date(Date.now() - 60 * 86_400_000), async () => (await owner.post(`/api/t/${a.slug}/customers`).send({ contactName: 'Odottaja' }).expect(201)).body);
    const request = (await owner.post(`/api/t/${a.slug}/requests`).send({ customerId: customer.id, type: 'access', channel: 'email', receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }).expect(201)).body;
    expect(await ctx.get(ScheduledJobs).remindDeadlines()).toEqual([a.slug]);
    const queued = await ctx.sql<{ ref: string }>(`select ref from platform.outbox_message where topic = 'request-staff' and ref like '%:overdue:%'`);
    expect(queued.map((q) => q.ref)).toEqual([`${request.id}:overdue:${request.dueAt.slice(0, 10)}`]);
  });
});
