// The e-mail outbox as a job: queued in the caller's transaction, sent over real SMTP by the worker,
// delivery recorded, failures retried with backoff and reported once they are final. The workers are off
// here (JOBS_ENABLED=false): the test drives the queue with runPending, so nothing depends on timing.
import { DatabaseContext } from '@app/database';
import { JobsService } from '@app/jobs';
import { OUTBOX_QUEUE, OutboxService, type DeliveryOutcome } from '@app/mail';
import { startSmtpSink, TestContext, type SmtpSink } from '@app/testing';

interface OutboxRow {
  topic: string;
  ref: string | null;
  attempts: number;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

describe('e-mail outbox', () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let outbox: OutboxService;
  let jobs: JobsService;
  const outcomes: { outcome: DeliveryOutcome; id: string; ref: string | null }[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await TestContext.create({ smtpUrl: smtp.url, jobsEnabled: false });
    outbox = ctx.get(OutboxService);
    jobs = ctx.get(JobsService);
    outbox.onOutcome('outbox-test', async (outcome, message) => void outcomes.push({ outcome, ...message }));
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const record = async (id: string) => (await ctx.sql<OutboxRow>('select topic, ref, attempts, delivered_at, failed_at, last_error from platform.outbox_message where id = ?', [id]))[0];
  /** Makes the job's backoff elapse now, instead of waiting for it. */
  const dueNow = (id: string) => ctx.sql(`update pgboss.job set start_after = now() where id = ?`, [id]);
  const message = (to: string) => ({ to, subject: 'Outbox test', text: 'Hyvää päivää, tämä on testi.\n', headers: { 'Content-Language': 'fi' } });

  it('queues a message as a job that the worker sends over SMTP and records as delivered', async () => {
    const id = await outbox.enqueue(message('first@customer.test'), { topic: 'outbox-test', ref: 'r-1' });
    expect(await record(id)).toMatchObject({ topic: 'outbox-test', ref: 'r-1', attempts: 0, delivered_at: null });
    expect(smtp.messages.filter((m) => m.to.includes('first@customer.test'))).toHaveLength(0);

    expect(await jobs.runPending(OUTBOX_QUEUE)).toBe(1);
    const received = smtp.messages.filter((m) => m.to.includes('first@customer.test'));
    expect(received).toHaveLength(1);
    expect(received[0].text).toContain('Hyvää päivää');
    expect(received[0].headers['content-language']).toBe('fi');
    const row = await record(id);
    expect(row.attempts).toBe(1);
    expect(row.delivered_at).not.toBeNull();
    expect(outcomes).toContainEqual({ outcome: { status: 'delivered', at: new Date(row.delivered_at!) }, id, ref: 'r-1' });
    // The record holds no address or text: those live only in the job, which is deleted a day after.
    expect(JSON.stringify(row)).not.toContain('first@customer.test');
  });

  it('queues nothing when the caller’s transaction rolls back', async () => {
    const before = Number((await ctx.sql<{ n: string }>('select count(*) as n from platform.outbox_message'))[0].n);
    await expect(
      ctx.get(DatabaseContext).transaction(async () => {
        await outbox.enqueue(message('rolled-back@customer.test'), { topic: 'outbox-test' });
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('changes its mind');
    expect(Number((await ctx.sql<{ n: string }>('select count(*) as n from platform.outbox_message'))[0].n)).toBe(before);
    expect(await jobs.runPending(OUTBOX_QUEUE)).toBe(0);
    expect(smtp.messages.some((m) => m.to.includes('rolled-back@customer.test'))).toBe(false);
  });

  it('queues a message id once, however often it is enqueued', async () => {
    const [id] = await outbox.enqueueMany('outbox-test', [{ message: message('once@customer.test') }]);
    await outbox.enqueueMany('outbox-test', [{ id, message: message('once@customer.test') }]);
    await jobs.runPending(OUTBOX_QUEUE);
    await outbox.enqueueMany('outbox-test', [{ id, message: message('once@customer.test') }]);
    await jobs.runPending(OUTBOX_QUEUE);
    expect(smtp.messages.filter((m) => m.to.includes('once@customer.test'))).toHaveLength(1);
  });

  it('retries a refused message with backoff and records the attempt without the server’s text', async () => {
    smtp.refuse((address) => address === 'busy@customer.test', 1, 451);
    const id = await outbox.enqueue(message('busy@customer.test'), { topic: 'outbox-test', ref: 'busy' });
    await jobs.runPending(OUTBOX_QUEUE);
    let row = await record(id);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null, last_error: 'EENVELOPE 451' });
    const [job] = await ctx.sql<{ state: string; start_after: Date; retry_count: number }>('select state, start_after, retry_count from pgboss.job where id = ?', [id]);
    expect(job.state).toBe('retry');
    expect(new Date(job.start_after).getTime()).toBeGreaterThan(Date.now() + 10_000);
    // Not yet due: nothing runs.
    expect(await jobs.runPending(OUTBOX_QUEUE)).toBe(0);

    await dueNow(id);
    expect(await jobs.runPending(OUTBOX_QUEUE)).toBe(1);
    row = await record(id);
    expect(row).toMatchObject({ attempts: 2, last_error: null });
    expect(row.delivered_at).not.toBeNull();
    expect(smtp.messages.filter((m) => m.to.includes('busy@customer.test'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.ref === 'busy').map((o) => o.outcome.status)).toEqual(['delivered']);
  });

  it('reports a message as failed once its last retry fails', async () => {
    smtp.refuse((address) => address === 'gone@customer.test', 100, 550);
    const id = await outbox.enqueue(message('gone@customer.test'), { topic: 'outbox-test', ref: 'gone' });
    const [{ retry_limit }] = await ctx.sql<{ retry_limit: number }>('select retry_limit from pgboss.job where id = ?', [id]);
    expect(retry_limit).toBe(8);
    for (let attempt = 0; attempt <= retry_limit; attempt++) {
      await dueNow(id);
      expect(await jobs.runPending(OUTBOX_QUEUE)).toBe(1);
    }
    const row = await record(id);
    expect(row).toMatchObject({ attempts: 9, delivered_at: null, last_error: 'EENVELOPE 550' });
    expect(row.failed_at).not.toBeNull();
    const [job] = await ctx.sql<{ state: string }>('select state from pgboss.job where id = ?', [id]);
    expect(job.state).toBe('failed');
    expect(outcomes.filter((o) => o.ref === 'gone').map((o) => o.outcome)).toEqual([{ status: 'failed', error: 'EENVELOPE 550' }]);
    // The queue keeps only the code, never the server's reply (it quotes the address).
    const [output] = await ctx.sql<{ output: unknown }>('select output from pgboss.job where id = ?', [id]);
    expect(JSON.stringify(output)).not.toContain('gone@customer.test');
  });
});
