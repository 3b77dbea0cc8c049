// The accessibility statement's feedback channel: anyone may send (no session), the message is queued as an
// e-mail to ACCESSIBILITY_FEEDBACK_EMAIL, bad input and floods are refused, and nothing is sent when unset.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobsService } from '@app/jobs';
import { OUTBOX_QUEUE } from '@app/mail';
import { problemOf, TestContext } from '@app/testing';

const ADDRESS = 'saavutettavuus@platform.test';

describe('accessibility feedback', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ accessibilityFeedbackEmail: ADDRESS, accessibilityFeedbackPerHour: 4, jobsEnabled: false });
  });
  afterAll(() => ctx.close());

  const mails = () => {
    const dir = join(ctx.config.dataDir, 'mail');
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      return [];
    }
    return files.map((f) => readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, '')).filter((m) => m.includes(`To: ${ADDRESS}`));
  };
  const queued = async () => Number((await ctx.sql<{ n: string }>(`select count(*) as n from platform.outbox_message where topic = 'accessibility-feedback'`))[0].n);
  const clearThrottle = () => ctx.sql(`delete from platform.login_throttle where key like 'a11y%'`);

  it('queues the message as an e-mail to the configured address, with the sender to reply to', async () => {
    const res = await ctx
      .http()
      .post('/api/accessibility-feedback')
      .send({ message: 'The consent switches have no visible focus ring in dark mode.', email: 'Reader@Example.fi', name: 'Riitta Lukija', page: '/t/salon/portal/marketing', language: 'en' })
      .expect(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), receivedAt: expect.any(String) });
    expect(await queued()).toBe(1);
    expect(await ctx.get(JobsService).runPending(OUTBOX_QUEUE)).toBe(1);
    const [mail] = mails();
    expect(mail).toContain('no visible focus ring');
    expect(mail).toContain('/t/salon/portal/marketing');
    expect(mail).toMatch(/^Reply-To: Reader@Example\.fi/im);
    expect(mail).toContain('Saavutettavuuspalaute');
  });

  it('answers bad input 400 naming the field, and queues nothing', async () => {
    await clearThrottle();
    const before = await queued();
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'message'],
      [{ message: 'lyhyt' }, 'message'],
      [{ message: 'x'.repeat(5001) }, 'message'],
      [{ message: 42 }, 'message'],
      [{ message: 'A long enough message\u0000with a NUL' }, 'message'],
      [{ message: 'A long enough message.', email: 'not-an-address' }, 'email'],
      [{ message: 'A long enough message.', name: 'Two\r\nBcc: someone@evil.test' }, 'name'],
      [{ message: 'A long enough message.', page: 'x'.repeat(501) }, 'page'],
      [{ message: 'A long enough message.', language: 'sv' }, 'language'],
      [{ message: 'A long enough message.', to: 'someone@evil.test' }, 'to'],
    ];
    for (const [body, field] of cases) {
      const res = await ctx.http().post('/api/accessibility-feedback').send(body).expect(400);
      expect({ body, fields: problemOf(res).errors?.map((e) => e.field) }).toEqual({ body, fields: expect.arrayContaining([field]) });
    }
    expect(await queued()).toBe(before);
  });

  it('throttles one address after a few messages an hour, with 429 and Retry-After', async () => {
    await clearThrottle();
    for (let i = 0; i < 4; i++) await ctx.http().post('/api/accessibility-feedback').send({ message: `Palaute numero ${i}, riittävän pitkä.` }).expect(202);
    const before = await queued();
    const res = await ctx.http().post('/api/accessibility-feedback').send({ message: 'Yksi liikaa, riittävän pitkä.' }).expect(429);
    expect(problemOf(res).type).toMatch(/too-many-attempts$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await queued()).toBe(before);
    // The throttle keeps no IP address.
    const keys = await ctx.sql<{ key: string }>(`select key from platform.login_throttle where key like 'a11y%'`);
    expect(JSON.stringify(keys)).not.toMatch(/127\.0\.0\.1|::1|ffff/);
  });

  it('is refused cross-site like every other public form (CSRF), and needs no session', async () => {
    await clearThrottle();
    problemOf(await ctx.http().post('/api/accessibility-feedback').set('Origin', 'https://evil.example').send({ message: 'Posted from another site.' }).expect(403));
  });

  it('answers 503 and sends nothing when no address is configured', async () => {
    await clearThrottle();
    const config = ctx.config;
    const saved = config.accessibilityFeedbackEmail;
    config.accessibilityFeedbackEmail = undefined;
    try {
      const before = await queued();
      const res = await ctx.http().post('/api/accessibility-feedback').send({ message: 'Nobody is listening here.' }).expect(503);
      expect(problemOf(res).type).toMatch(/accessibility-feedback-unavailable$/);
      expect(await queued()).toBe(before);
    } finally {
      config.accessibilityFeedbackEmail = saved;
    }
  });
});
