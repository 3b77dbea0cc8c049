// Payment reminders of overdue invoices (issue 15): staff send one (it reaches a real SMTP server with the
// invoice PDF attached, in Finnish or English, with the open amount and the payment details); what is not an
// overdue open invoice is refused and changes nothing; the nightly job, driven by the test clock, reminds once
// at the threshold, not again within the interval, and stops at the maximum; off by default; tenants apart.
import { JobsService } from '@app/jobs';
import { OUTBOX_QUEUE } from '@app/mail';
import { PAYMENT_REMINDER_JOB, ScheduledJobs } from '@app/retention';
import { type Agent, parseMail, pdfText, problemOf, type ReceivedMail, type SmtpSink, startSmtpSink, TestContext, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }; // 75,30 € with VAT
const IBAN = 'FI4950009420028730';
const BIC = 'OKOYFIHH';
/** Issued on 2 March 2026 with 14 days' term: due on 16 March, overdue from the 17th (Finnish dates). */
const ISSUED_AT = '2026-03-02T08:00:00Z';
const day = (date: string) => `${date}T07:00:00Z`;

async function setAccount(owner: Agent, base: string): Promise<void> {
  const s = (await owner.get(`${base}/seller`).expect(200)).body;
  const body = { legalName: s.legalName, businessId: s.businessId, streetAddress: s.streetAddress ?? 'Katu 1', postalCode: s.postalCode ?? '00100', city: s.city ?? 'Helsinki', iban: IBAN, bic: BIC, version: s.version };
  await owner.put(`${base}/seller`).send(body).expect(200);
}

/** A multipart mail's text part and its attachments, as a mail reader would take them apart. */
function partsOf(mail: ReceivedMail): { text: string; attachments: { filename: string; contentType: string; body: Buffer }[] } {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail.raw)![1];
  const parts = mail.raw.split(`--${boundary}`).slice(1, -1).map((p) => parseMail(p.replace(/^\r?\n/, ''), { from: '', to: [] }));
  const text = parts.find((p) => /text\/plain/i.test(p.headers['content-type'] ?? ''))!.text;
  const attachments = parts
    .filter((p) => /attachment/i.test(p.headers['content-disposition'] ?? ''))
    .map((p) => ({
      filename: /filename="?([^";]+)"?/i.exec(p.headers['content-disposition'])![1],
      contentType: p.headers['content-type'].split(';')[0],
      body: Buffer.from(p.raw.slice(p.raw.search(/\r?\n\r?\n/)).replace(/\s/g, ''), 'base64'),
    }));
  return { text, attachments };
}

describe('invoice reminders', () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let jobs: JobsService;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;
  let pekka: string;
  let quiet: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await TestContext.create({ smtpUrl: smtp.url, jobsEnabled: false });
    jobs = ctx.get(JobsService);
    ctx.clock.set(ISSUED_AT);
    tenant = await ctx.newTenant({ legalName: 'Hyvinvointi Oy' });
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
    await setAccount(owner, t);
    pekka = (await ctx.newCustomer(tenant, { billingFirstName: 'Pekka', billingLastName: 'Puupää', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo', email: 'pekka@puupaa.test' })).id;
    quiet = (await ctx.newCustomer(tenant, { contactName: 'Ei Sähköpostia', email: null as unknown as string, streetAddress: 'Polku 3', postalCode: '33100', city: 'Tampere' })).id;
  });
  afterAll(async () => {
    ctx.clock.reset();
    await ctx.close();
    await smtp.close();
  });

  /** Runs `step` with the clock at `when`, then puts it back where it was (not to the system's time). */
  const atThen = async <T,>(when: string, step: () => Promise<T>): Promise<T> => {
    const now = ctx.clock.now();
    ctx.clock.set(when);
    try {
      return await step();
    } finally {
      ctx.clock.set(now);
    }
  };
  /** An invoice issued on ISSUED_AT. */
  const issued = (customerId: string, agent = staff, base = t) =>
    atThen(ISSUED_AT, async () => {
      const draft = (await agent.post(`${base}/invoices`).send({ customerId, lines: [massage] }).expect(201)).body;
      return (await agent.post(`${base}/invoices/${draft.id}/issue`).send({}).expect(200)).body as { id: string; number: number; dueDate: string; referenceNumber: string; rfReference: string };
    });
  const deliver = () => jobs.runPending(OUTBOX_QUEUE);
  const mailsAbout = (number: number) => smtp.messages.filter((m) => new RegExp(`^(Maksumuistutus: lasku|Payment reminder: invoice) ${number} `).test(m.headers.subject ?? ''));
  const count = async (sql: string, params: unknown[] = []) => Number((await ctx.sql<{ n: string }>(`select count(*) as n from ${sql}`, params))[0].n);
  const remindersOf = (id: string) => count(`"${tenant.schema}".invoice_reminder where invoice_id = ?`, [id]);

  describe('manual', () => {
    beforeAll(() => ctx.clock.set(day('2026-03-20')));

    it('e-mails a Finnish reminder with the PDF attached, the open amount and the payment details; recorded, audited and shown', async () => {
      const invoice = await issued(pekka);
      // Partly paid: the reminder asks for what is still open.
      await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 1530, paidOn: '2026-03-05' }).expect(201);
      const res = await staff.post(`${t}/invoices/${invoice.id}/reminders`).send({}).expect(202);
      expect(res.body).toMatchObject({ to: 'pekka@puupaa.test', reminder: { ordinal: 1, kind: 'manual', lang: 'fi' } });
      expect(await deliver()).toBeGreaterThanOrEqual(1);
      const [mail] = mailsAbout(invoice.number);
      expect(mail.to).toEqual(['pekka@puupaa.test']);
      expect(mail.headers.subject).toBe(`Maksumuistutus: lasku ${invoice.number} / Hyvinvointi Oy`);
      const { text, attachments } = partsOf(mail);
      for (const line of [
        `Laskun numero: ${invoice.number}`,
        'Alkuperäinen eräpäivä: 16.3.2026',
        'Avoinna: 60,00 €',
        `Saajan tilinumero (IBAN): ${IBAN}`,
        `BIC: ${BIC}`,
        `Viitenumero: ${invoice.referenceNumber}`,
        'RF-viite: RF',
        'Muistutuksesta ei peritä maksua.',
      ]) {
        expect(text).toContain(line);
      }
      expect(attachments).toHaveLength(1);
      expect(attachments[0]).toMatchObject({ filename: `lasku-${invoice.number}.pdf`, contentType: 'application/pdf' });
      const pdf = await pdfText(attachments[0].body);
      expect(pdf).toContain(`Laskun numero ${invoice.number}`);
      expect(pdf).toContain('Pekka Puupää');

      const detail = (await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body;
      expect(detail).toMatchObject({ reminderCount: 1, lastReminderAt: res.body.reminder.sentAt });
      const list = (await staff.get(`${t}/invoices`).query({ customerId: pekka }).expect(200)).body;
      expect(list.items.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({ reminderCount: 1, lastReminderAt: res.body.reminder.sentAt });
      const history = (await staff.get(`${t}/invoices/${invoice.id}/reminders`).expect(200)).body;
      expect(history).toEqual([expect.objectContaining({ ordinal: 1, kind: 'manual', sentAt: res.body.reminder.sentAt })]);
      expect(history[0].actor).toMatch(/^tenant-staff:/);
      expect(await count(`"${tenant.schema}".audit_event where action = 'invoice.reminded' and subject_id = ?`, [invoice.id])).toBe(1);
    });

    it('in English on request, the amounts in English form; a second one is numbered 2', async () => {
      const invoice = await issued(pekka);
      await staff.post(`${t}/invoices/${invoice.id}/reminders`).send({}).expect(202);
      const res = await owner.post(`${t}/invoices/${invoice.id}/reminders`).send({ lang: 'en' }).expect(202);
      expect(res.body.reminder).toMatchObject({ ordinal: 2, lang: 'en' });
      await deliver();
      const mail = mailsAbout(invoice.number).find((m) => m.headers.subject?.startsWith('Payment reminder'))!;
      expect(mail.headers.subject).toBe(`Payment reminder: invoice ${invoice.number} from Hyvinvointi Oy`);
      const { text, attachments } = partsOf(mail);
      for (const line of ['Original due date: 2026-03-16', 'Amount open: €75.30', `Payee's account (IBAN): ${IBAN}`, `BIC: ${BIC}`, 'RF reference: RF', 'This is reminder no. 2.', 'There is no fee for this reminder.']) {
        expect(text).toContain(line);
      }
      expect(attachments[0].filename).toBe(`invoice-${invoice.number}.pdf`);
      expect(await pdfText(attachments[0].body)).toContain(`${invoice.number}`);
      expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body.reminderCount).toBe(2);
    });

    it('refuses what is not an overdue open invoice (409) or a customer without e-mail (422), and changes nothing', async () => {
      const draft = (await staff.post(`${t}/invoices`).send({ customerId: pekka, lines: [massage] }).expect(201)).body;
      const paid = await issued(pekka);
      await staff.post(`${t}/invoices/${paid.id}/payments`).send({ amountCents: 7530, paidOn: '2026-03-10' }).expect(201);
      const credited = await issued(pekka);
      const note = (await staff.post(`${t}/invoices/${credited.id}/credit`).send({ reason: 'Peruttu' }).expect(201)).body;
      const noEmail = await issued(quiet);
      // Issued today: due in 14 days.
      const fresh = (await staff.post(`${t}/invoices/${(await staff.post(`${t}/invoices`).send({ customerId: pekka, lines: [massage] }).expect(201)).body.id}/issue`).send({}).expect(200)).body;

      const before = {
        reminders: await count(`"${tenant.schema}".invoice_reminder`),
        outbox: await count('platform.outbox_message'),
        audit: await count(`"${tenant.schema}".audit_event where action = 'invoice.reminded'`),
      };
      for (const [id, status, code] of [
        [draft.id, 409, 'invoice-not-issued'],
        [paid.id, 409, 'invoice-paid'],
        [credited.id, 409, 'invoice-credited'],
        [note.id, 409, 'not-an-invoice'],
        [fresh.id, 409, 'invoice-not-overdue'],
        [noEmail.id, 422, 'customer-has-no-email'],
      ] as const) {
        const res = await staff.post(`${t}/invoices/${id}/reminders`).send({});
        const problem = problemOf(res);
        expect({ id, status: problem.status, type: problem.type.split('/').pop() }).toEqual({ id, status, type: code });
      }
      problemOf(await staff.post(`${t}/invoices/00000000-0000-4000-8000-000000000000/reminders`).send({}).expect(404));
      problemOf(await staff.post(`${t}/invoices/${noEmail.id}/reminders`).send({ lang: 'sv' }).expect(400));
      // On the due date itself it is not overdue yet.
      await atThen(day('2026-03-16'), async () => {
        const due = await issued(pekka);
        expect(problemOf(await staff.post(`${t}/invoices/${due.id}/reminders`).send({}).expect(409)).type).toMatch(/invoice-not-overdue$/);
      });
      expect({
        reminders: await count(`"${tenant.schema}".invoice_reminder`),
        outbox: await count('platform.outbox_message'),
        audit: await count(`"${tenant.schema}".audit_event where action = 'invoice.reminded'`),
      }).toEqual(before);
    });
  });

  describe('automatic (the nightly job)', () => {
    const settings = (agent = owner, base = t) => agent.get(`${base}/reminder-settings`).expect(200).then((r) => r.body);
    const run = async () => {
      await jobs.send(PAYMENT_REMINDER_JOB, {});
      expect(await jobs.runPending(PAYMENT_REMINDER_JOB)).toBe(1);
      await deliver();
    };

    it('is off by default: the job sends nothing', async () => {
      expect(await settings()).toMatchObject({ enabled: false, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: 1 });
      ctx.clock.set(day('2026-06-01'));
      const invoice = await issued(pekka);
      await run();
      expect(await remindersOf(invoice.id)).toBe(0);
    });

    it('the owner sets it; staff cannot; bad values and a stale version change nothing', async () => {
      const current = await settings();
      problemOf(await staff.put(`${t}/reminder-settings`).send({ enabled: true, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: current.version }).expect(403));
      for (const bad of [{ minIntervalDays: 7 }, { maxReminders: 0 }, { daysAfterDue: 0 }, { enabled: 'yes' }]) {
        const problem = problemOf(await owner.put(`${t}/reminder-settings`).send({ enabled: true, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: current.version, ...bad }).expect(400));
        expect(problem.errors?.map((e) => e.field)).toContain(Object.keys(bad)[0]);
      }
      problemOf(await owner.put(`${t}/reminder-settings`).send({ enabled: true, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: current.version + 5 }).expect(409));
      expect(await settings()).toEqual(current);
      const saved = (await owner.put(`${t}/reminder-settings`).send({ enabled: true, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: current.version }).expect(200)).body;
      expect(saved).toMatchObject({ enabled: true, version: current.version + 1 });
      expect((await staff.get(`${t}/reminder-settings`).expect(200)).body).toEqual(saved);
      expect(await count(`"${tenant.schema}".audit_event where action = 'reminder_settings.updated'`)).toBe(1);
    });

    it('reminds once at the threshold, not again within the interval, and stops at the maximum; automatic, idempotent', async () => {
      // Everything else overdue in this tenant is paid off first, so only this invoice is in play.
      await ctx.sql(`update "${tenant.schema}".invoice set status = 'paid', paid_cents = gross_cents where kind = 'invoice' and status in ('issued', 'partially_paid')`);
      const invoice = await issued(pekka); // due 2026-03-16
      const topicCount = () => count(`platform.outbox_message where topic = 'invoice-reminder' and ref like ?`, [`${invoice.id}:%`]);

      ctx.clock.set(day('2026-03-29')); // 13 days after the due date
      await run();
      expect(await remindersOf(invoice.id)).toBe(0);

      ctx.clock.set(day('2026-03-30')); // 14 days
      await run();
      await run(); // the same night again: nothing more
      await ctx.get(ScheduledJobs).remindOverdueInvoices();
      await deliver();
      expect(await remindersOf(invoice.id)).toBe(1);
      expect(await topicCount()).toBe(1);
      expect(mailsAbout(invoice.number)).toHaveLength(1);
      const [first] = (await staff.get(`${t}/invoices/${invoice.id}/reminders`).expect(200)).body;
      expect(first).toMatchObject({ ordinal: 1, kind: 'automatic', actor: 'scheduled', lang: 'fi' });
      expect(partsOf(mailsAbout(invoice.number)[0]).attachments[0].filename).toBe(`lasku-${invoice.number}.pdf`);

      ctx.clock.set(day('2026-04-12')); // 13 days after the first reminder
      await run();
      expect(await remindersOf(invoice.id)).toBe(1);

      ctx.clock.set(day('2026-04-13')); // 14 days after
      await run();
      expect(await remindersOf(invoice.id)).toBe(2);
      expect(partsOf(mailsAbout(invoice.number).at(-1)!).text).toContain('Tämä on 2. muistutus.');

      for (const date of ['2026-04-27', '2026-05-30', '2026-09-01']) {
        ctx.clock.set(day(date));
        await run();
      }
      expect(await remindersOf(invoice.id)).toBe(2); // the maximum
      expect(await topicCount()).toBe(2);
      expect(mailsAbout(invoice.number)).toHaveLength(2);
    });

    it('skips a paid invoice, a customer without e-mail, one with a restriction request or restricted, and an erased one', async () => {
      ctx.clock.set(day('2026-10-01'));
      const paid = await issued(pekka);
      await staff.post(`${t}/invoices/${paid.id}/payments`).send({ amountCents: 7530, paidOn: '2026-03-20' }).expect(201);
      const noEmail = await issued(quiet);
      const restrictedId = (await atThen(ISSUED_AT, () => ctx.newCustomer(tenant, { contactName: 'Rajoitettu', streetAddress: 'Tie 4', postalCode: '00100', city: 'Helsinki', email: 'rajoitettu@x.test' }))).id;
      const restricted = await issued(restrictedId);
      await staff.post(`${t}/requests`).send({ customerId: restrictedId, type: 'restriction', channel: 'email' }).expect(201);
      // Marked restricted (Art. 18) once the request was completed: the request is no longer open.
      const markedId = (await atThen(ISSUED_AT, () => ctx.newCustomer(tenant, { contactName: 'Merkitty', streetAddress: 'Tie 5', postalCode: '00100', city: 'Helsinki', email: 'merkitty@x.test' }))).id;
      const marked = await issued(markedId);
      await ctx.sql(`update "${tenant.schema}".customer set restricted_at = now(), restriction_reason = 'Oikeellisuus kiistetty' where id = ?`, [markedId]);
      const erased = await issued(pekka);
      await ctx.sql(`update "${tenant.schema}".invoice set customer_id = null where id = ?`, [erased.id]);
      const reminded = await issued(pekka);
      await run();
      expect(await remindersOf(reminded.id)).toBe(1);
      for (const skipped of [paid, noEmail, restricted, marked, erased]) expect(await remindersOf(skipped.id)).toBe(0);
    });
  });

  it('keeps tenants apart: another tenant neither sees nor reminds ours, and its own setting (off) holds', async () => {
    ctx.clock.set(day('2026-11-01'));
    const mine = await issued(pekka);
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const o = `/api/t/${other.slug}`;
    problemOf(await otherOwner.post(`${o}/invoices/${mine.id}/reminders`).send({}).expect(404));
    problemOf(await otherOwner.get(`${o}/invoices/${mine.id}/reminders`).expect(404));
    problemOf(await otherOwner.post(`${t}/invoices/${mine.id}/reminders`).send({}).expect(404));
    problemOf(await otherOwner.put(`${t}/reminder-settings`).send({ enabled: false, daysAfterDue: 14, maxReminders: 2, minIntervalDays: 14, version: 2 }).expect(404));
    expect((await otherOwner.get(`${o}/reminder-settings`).expect(200)).body).toMatchObject({ enabled: false, version: 1 });
    // The other tenant's overdue invoice: its setting is off, so the nightly job leaves it, while ours is reminded.
    await setAccount(otherOwner, o);
    const theirCustomer = await atThen(ISSUED_AT, () => ctx.newCustomer(other, { contactName: 'Toinen', streetAddress: 'Tie 5', postalCode: '00100', city: 'Helsinki', email: 'toinen@x.test' }));
    const theirs = await issued(theirCustomer.id, otherOwner, o);
    await jobs.send(PAYMENT_REMINDER_JOB, {});
    await jobs.runPending(PAYMENT_REMINDER_JOB);
    expect(await remindersOf(mine.id)).toBe(1);
    expect(await count(`"${other.schema}".invoice_reminder where invoice_id = ?`, [theirs.id])).toBe(0);
  });

  it('is closed to callers without a staff role', async () => {
    const invoice = await issued(pekka);
    const portal = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant, { contactName: 'Portaali', email: 'portaali@x.test' }));
    expect([401, 403, 404]).toContain((await portal.post(`${t}/invoices/${invoice.id}/reminders`).send({})).status);
    expect([401, 403, 404]).toContain((await portal.get(`${t}/invoices/${invoice.id}/reminders`)).status);
    expect([401, 403, 404]).toContain((await portal.get(`${t}/reminder-settings`)).status);
    problemOf(await ctx.agent().post(`${t}/invoices/${invoice.id}/reminders`).send({}).expect(401));
    problemOf(await ctx.agent().get(`${t}/reminder-settings`).expect(401));
    expect(await remindersOf(invoice.id)).toBe(0);
  });
});
