// Notifications of data-subject requests, delivered through the outbox to a real SMTP server, in the tenant's
// language: the person's receipt (with the deadline), the decision (done, or refused with its reasons) and for
// an access request the way to fetch the export (the portal, or a single-use link that expires); the owners'
// and staff's notice of an arrival and the nightly notice of deadlines near or passed (once per request and
// due date, without the person's data). Isolation of links between tenants, and role limits.
import { ScheduledJobs } from '@app/retention';
import { problemOf, startSmtpSink, TestContext, textBody, type Agent, type ReceivedMail, type SmtpSink, type TestTenant } from '@app/testing';

const DAY = 86_400_000;

describe('request notifications', () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let fi: TestTenant;
  let en: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let staffEmail: string;
  let enOwner: Agent;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await TestContext.create({ smtpUrl: smtp.url, jobsPollingSeconds: 0.5 });
    fi = await ctx.newTenant({ legalName: 'Hierontapalvelu Oy' });
    en = await ctx.newTenant({ legalName: 'Massage Ltd' });
    await ctx.sql(`update platform.tenant set language = 'en' where slug = ?`, [en.slug]);
    owner = await ctx.loginTenant(fi, fi.owner);
    const member = await ctx.newTenantStaff(fi, 'staff');
    staffEmail = member.email;
    staff = await ctx.loginTenant(fi, member);
    enOwner = await ctx.loginTenant(en, en.owner);
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  let n = 0;
  const newCustomer = (on: TestTenant, fields: Record<string, unknown> = {}) =>
    ctx.newCustomer(on, { contactName: 'Liisa Esimerkki', phone: '+358401234567', email: `liisa${Date.now()}${n++}@example.fi`, ...fields });
  const mailsTo = (to: string, match: RegExp = /./) => smtp.messages.filter((m) => m.to.includes(to) && match.test(m.text));
  const mailTo = async (to: string, match: RegExp, count = 1): Promise<ReceivedMail[]> => {
    await smtp.waitFor(() => mailsTo(to, match).length >= count);
    return mailsTo(to, match);
  };
  /** The Subject header as read (RFC 2047 encoded words undone). */
  const subjectOf = (mail: ReceivedMail) =>
    mail.headers.subject
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b: string) => Buffer.from(b, 'base64').toString('utf8'));
  const dayIn = (iso: string, lang: 'fi' | 'en') => new Date(iso).toLocaleDateString(lang === 'fi' ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'long', year: 'numeric' });
  const linkIn = (mail: ReceivedMail) => /\/api\/t\/([^/\s]+)\/export-links\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  /** A request staff record, checked in person, and completed by the owner. */
  const served = async (on: TestTenant, as: { staff: Agent; owner: Agent }, customerId: string) => {
    const r = (await as.staff.post(`/api/t/${on.slug}/requests`).send({ customerId, type: 'access', channel: 'letter' }).expect(201)).body;
    await as.staff.post(`/api/t/${on.slug}/requests/${r.id}/verify`).send({ method: 'id_document_in_person' }).expect(200);
    await as.owner.post(`/api/t/${on.slug}/requests/${r.id}/complete`).send({}).expect(200);
    return r as { id: string; dueAt: string };
  };

  it('gives the person a receipt with the deadline, and tells the owners and staff without the person\'s data (fi)', async () => {
    const c = await newCustomer(fi);
    const r = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: c.id, type: 'access', channel: 'letter', details: 'Liisa Esimerkki, Kotikatu 3, haluaa kaikki tietonsa' }).expect(201)).body;

    const [receipt] = await mailTo(c.email!, /on vastaanottanut pyyntösi/);
    expect(subjectOf(receipt)).toBe('Pyyntösi on vastaanotettu: Hierontapalvelu Oy');
    expect(receipt.text).toContain('(tarkastuspyyntö)');
    expect(receipt.text).toContain(`viimeistään ${dayIn(r.dueAt, 'fi')}`);
    expect(receipt.text).toContain('Varmistamme ensin, että pyyntö on sinulta');

    const url = `/t/${fi.slug}/requests/${r.id}`;
    const [toOwner] = await mailTo(fi.owner.email, new RegExp(url));
    const [toStaff] = await mailTo(staffEmail, new RegExp(url));
    for (const notice of [toOwner, toStaff]) {
      expect(subjectOf(notice)).toBe('Uusi tietopyyntö: tarkastuspyyntö');
      expect(notice.text).toContain(`Määräaika: ${dayIn(r.dueAt, 'fi')}`);
      expect(notice.text).toContain('kanava: kirje');
      for (const personal of [c.email!, 'Liisa', 'Esimerkki', 'Kotikatu', '+358401234567', c.id]) expect(notice.text).not.toContain(personal);
    }
    // The other tenant's owner hears nothing of it.
    await settle();
    expect(mailsTo(en.owner.email, new RegExp(r.id))).toEqual([]);
    // One receipt and one notice each, whatever the retries.
    expect(mailsTo(c.email!)).toHaveLength(1);
    expect(mailsTo(fi.owner.email, new RegExp(url))).toHaveLength(1);
  });

  it('writes to the person and the staff in English for an English-speaking tenant; a portal request counts as verified', async () => {
    const person = await ctx.newPortalCustomer(en, { contactName: 'Pat Example' });
    const portal = await ctx.loginPortal(en, person);
    const r = (await portal.post(`/api/t/${en.slug}/portal/requests`).send({ type: 'rectification', details: 'My street address is Other Street 4' }).expect(201)).body;
    const [receipt] = await mailTo(person.email, /received your rectification request/);
    expect(subjectOf(receipt)).toBe('We received your request: Massage Ltd');
    expect(receipt.text).toContain(`We will answer it by ${dayIn(r.dueAt, 'en')}`);
    expect(receipt.text).not.toContain('We first check');
    const [notice] = await mailTo(en.owner.email, new RegExp(`/t/${en.slug}/requests/${r.id}`));
    expect(subjectOf(notice)).toBe('New data-subject request: rectification request');
    expect(notice.text).toContain('channel: customer portal');
    expect(notice.text).not.toMatch(/Other Street|Pat|Example/);
  });

  it('tells the person of an objection to direct marketing in one mail, as it takes effect at once', async () => {
    const c = await newCustomer(fi);
    await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: c.id, type: 'objection', channel: 'email' }).expect(201);
    const [done] = await mailTo(c.email!, /Vastustuksesi tuli voimaan heti/);
    expect(subjectOf(done)).toBe('Pyyntösi on käsitelty: Hierontapalvelu Oy');
    await settle();
    expect(mailsTo(c.email!)).toHaveLength(1);
  });

  describe('an access request served to a person without portal access', () => {
    let c: { id: string; email?: string | null };
    let token: string;

    beforeAll(async () => {
      c = await newCustomer(fi);
      await served(fi, { staff, owner }, c.id);
      const [done] = await mailTo(c.email!, /Tietosi ovat valmiina/);
      expect(subjectOf(done)).toBe('Pyyntösi on käsitelty: Hierontapalvelu Oy');
      expect(done.text).toContain('Linkki toimii kerran');
      const link = linkIn(done)!;
      expect(link[1]).toBe(fi.slug);
      token = link[2];
      // Only its hash is kept.
      const stored = await ctx.sql<{ token_hash: string }>(`select token_hash from "${fi.schema}".request_export_link`);
      expect(stored.map((s) => s.token_hash)).not.toContain(token);
    });

    it('is not known under another tenant', async () => {
      expect(problemOf(await ctx.http().get(`/api/t/${en.slug}/export-links/${token}`).expect(404)).type).toMatch(/export-link-unknown$/);
      expect(problemOf(await ctx.http().post(`/api/t/${en.slug}/export-links/${token}?format=json`).expect(404)).type).toMatch(/export-link-unknown$/);
      await ctx.http().post(`/api/t/no-such-tenant/export-links/${token}`).expect(404);
    });

    it('opens a page that spends nothing, then downloads once; the download is audited', async () => {
      for (let i = 0; i < 2; i++) {
        const page = await ctx.http().get(`/api/t/${fi.slug}/export-links/${token}`).expect(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.headers['content-security-policy']).toContain("form-action 'self'");
        expect(page.text).toContain('Lataa JSON');
        expect(page.text).toContain('Hierontapalvelu Oy');
      }
      const res = await ctx.http().post(`/api/t/${fi.slug}/export-links/${token}?format=json`).buffer(true).parse(textBody).expect(200);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      expect(JSON.parse(res.body as unknown as string).profile.id).toBe(c.id);
      expect(problemOf(await ctx.http().post(`/api/t/${fi.slug}/export-links/${token}?format=json`).expect(410)).type).toMatch(/export-link-gone$/);
      expect(problemOf(await ctx.http().get(`/api/t/${fi.slug}/export-links/${token}`).expect(410)).type).toMatch(/export-link-gone$/);
      const audit = await ctx.sql<{ actor: string }>(`select actor from "${fi.schema}".audit_event where action = 'request.export_downloaded'`);
      expect(audit).toEqual([{ actor: 'data-subject:export-link' }]);
    });

    it('refuses an unknown token, and rejects a bad format without spending the link', async () => {
      const other = await newCustomer(fi);
      await served(fi, { staff, owner }, other.id);
      const fresh = linkIn((await mailTo(other.email!, /Tietosi ovat valmiina/))[0])![2];
      expect(problemOf(await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh.slice(0, -2)}xx?format=json`).expect(404)).type).toMatch(/export-link-unknown$/);
      await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh}?format=pdf`).expect(400);
      await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh}?format=html`).buffer(true).parse(textBody).expect(200);
    });

    it("comes with the owner's decision to serve a repeat copy; each request's link is its own", async () => {
      const other = await newCustomer(fi);
      await served(fi, { staff, owner }, other.id);
      const earlier = linkIn((await mailTo(other.email!, /Tietosi ovat valmiina/))[0])![2];
      const again = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: other.id, type: 'access', channel: 'letter' }).expect(201)).body;
      await staff.post(`/api/t/${fi.slug}/requests/${again.id}/verify`).send({ method: 'id_document_in_person' }).expect(200);
      await owner.post(`/api/t/${fi.slug}/requests/${again.id}/repeat-access`).send({ decision: 'serve', reason: 'Osoite vaihtui, uusi jäljennös maksutta' }).expect(200);
      const [decision] = await mailTo(other.email!, /Osoite vaihtui/);
      const fresh = linkIn(decision)![2];
      expect(decision.text).toContain('Toimitamme tiedot silti maksutta.');
      // The first request's link is its own: the new one does not cancel it.
      await ctx.http().post(`/api/t/${fi.slug}/export-links/${earlier}?format=json`).buffer(true).parse(textBody).expect(200);
      await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh}?format=json`).buffer(true).parse(textBody).expect(200);
    });

    it('goes with an erasure of the person', async () => {
      const other = await newCustomer(fi);
      await served(fi, { staff, owner }, other.id);
      const unspent = linkIn((await mailTo(other.email!, /Tietosi ovat valmiina/))[0])![2];
      const erasure = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: other.id, type: 'erasure', channel: 'letter' }).expect(201)).body;
      await staff.post(`/api/t/${fi.slug}/requests/${erasure.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
      await owner.post(`/api/t/${fi.slug}/requests/${erasure.id}/complete`).send({}).expect(200);
      expect(problemOf(await ctx.http().post(`/api/t/${fi.slug}/export-links/${unspent}?format=json`).expect(404)).type).toMatch(/export-link-unknown$/);
    });

    it('expires after a week (on the clock the test sets)', async () => {
      const other = await newCustomer(fi);
      await served(fi, { staff, owner }, other.id);
      const fresh = linkIn((await mailTo(other.email!, /Tietosi ovat valmiina/))[0])![2];
      await ctx.at(new Date(Date.now() + 8 * DAY), async () => {
        expect(problemOf(await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh}?format=json`).expect(410)).type).toMatch(/export-link-gone$/);
      });
      await ctx.at(new Date(Date.now() + 6 * DAY), async () => {
        await ctx.http().post(`/api/t/${fi.slug}/export-links/${fresh}?format=csv`).buffer(true).parse(textBody).expect(200);
      });
    });
  });

  it('points a person with portal access to the portal, with no link', async () => {
    const person = await ctx.newPortalCustomer(en, { contactName: 'Portal Person' });
    const portal = await ctx.loginPortal(en, person);
    const r = (await portal.post(`/api/t/${en.slug}/portal/requests`).send({ type: 'access' }).expect(201)).body;
    await enOwner.post(`/api/t/${en.slug}/requests/${r.id}/complete`).send({}).expect(200);
    const [done] = await mailTo(person.email, /Your data is ready/);
    expect(subjectOf(done)).toBe('Your request has been handled: Massage Ltd');
    expect(done.text).toContain(`/t/${en.slug}/portal/requests`);
    expect(linkIn(done)).toBeNull();
    expect(await ctx.sql(`select 1 from "${(await ctx.sql<{ schema_name: string }>(`select schema_name from platform.tenant where slug = ?`, [en.slug]))[0].schema_name}".request_export_link where request_id = ?`, [r.id])).toEqual([]);
  });

  it('sends a refusal with its reasons and remedies; only an owner refuses; an erasure is confirmed', async () => {
    const c = await newCustomer(fi);
    const r = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: c.id, type: 'rectification', channel: 'email', details: 'Nimi väärin' }).expect(201)).body;
    await staff.post(`/api/t/${fi.slug}/requests/${r.id}/reject`).send({ reason: 'Ei käy' }).expect(403);
    await owner.post(`/api/t/${fi.slug}/requests/${r.id}/reject`).send({ reason: 'Nimi on jo rekisterissä oikein väestötietojärjestelmän mukaan.' }).expect(200);
    const [refusal] = await mailTo(c.email!, /Perustelu: Nimi on jo rekisterissä oikein/);
    expect(subjectOf(refusal)).toBe('Päätös pyyntöösi: Hierontapalvelu Oy');
    expect(refusal.text).toContain('tietosuojavaltuutetulle');
    expect(mailsTo(c.email!, /Ei käy/)).toEqual([]);

    const gone = await newCustomer(fi);
    const erasure = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: gone.id, type: 'erasure', channel: 'letter' }).expect(201)).body;
    await staff.post(`/api/t/${fi.slug}/requests/${erasure.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await staff.post(`/api/t/${fi.slug}/requests/${erasure.id}/complete`).send({}).expect(403);
    await owner.post(`/api/t/${fi.slug}/requests/${erasure.id}/complete`).send({}).expect(200);
    await mailTo(gone.email!, /Tietosi on poistettu rekisteristä/);
    // A retried completion tells nothing twice.
    await owner.post(`/api/t/${fi.slug}/requests/${erasure.id}/complete`).send({}).expect(200);
    await settle();
    expect(mailsTo(gone.email!, /poistettu/)).toHaveLength(1);
  });

  it('lists the mails sent about a request for its staff, without addresses, and only in its own tenant', async () => {
    const c = await newCustomer(fi);
    const r = await served(fi, { staff, owner }, c.id);
    await mailTo(c.email!, /Tietosi ovat valmiina/);
    const list = async () => (await staff.get(`/api/t/${fi.slug}/requests/${r.id}/mails`).expect(200)).body as { event: string; recipients: string; messages: number; delivered: number }[];
    let mails = await list();
    for (let i = 0; i < 40 && mails.some((m) => m.delivered < m.messages); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      mails = await list();
    }
    expect(mails.map((m) => [m.event, m.recipients, m.messages, m.delivered])).toEqual([
      ['received', 'person', 1, 1],
      ['arrived', 'handlers', 2, 2],
      ['completed', 'person', 1, 1],
    ]);
    expect(JSON.stringify(mails)).not.toContain(c.email!);
    await enOwner.get(`/api/t/${en.slug}/requests/${r.id}/mails`).expect(404);
    await ctx.http().get(`/api/t/${fi.slug}/requests/${r.id}/mails`).expect(401);
  });

  it('tells owners and staff once per request of a deadline within a week, and once more when it has passed', async () => {
    const jobs = ctx.get(ScheduledJobs);
    // Registered two months ago; the request came by letter 25 days ago: due within a week.
    const c = await ctx.at(new Date(Date.now() - 60 * DAY), () => newCustomer(fi));
    const r = (await staff.post(`/api/t/${fi.slug}/requests`).send({ customerId: c.id, type: 'erasure', channel: 'letter', receivedAt: new Date(Date.now() - 25 * DAY).toISOString() }).expect(201)).body;
    const enCustomer = await ctx.at(new Date(Date.now() - 60 * DAY), () => newCustomer(en));
    const enRequest = (await enOwner.post(`/api/t/${en.slug}/requests`).send({ customerId: enCustomer.id, type: 'access', channel: 'email', receivedAt: new Date(Date.now() - 26 * DAY).toISOString() }).expect(201)).body;

    expect(await jobs.remindDeadlines()).toEqual(expect.arrayContaining([fi.slug, en.slug]));
    expect(await jobs.remindDeadlines()).toEqual(expect.arrayContaining([fi.slug, en.slug]));
    const url = `/t/${fi.slug}/requests/${r.id}`;
    const [soon] = await mailTo(fi.owner.email, new RegExp(`alle viikon päästä[\\s\\S]*${url}`));
    expect(subjectOf(soon)).toBe('Tietopyynnön määräaika lähestyy: poistopyyntö');
    expect(soon.text).toContain(dayIn(r.dueAt, 'fi'));
    for (const personal of [c.email!, 'Liisa', c.id]) expect(soon.text).not.toContain(personal);
    await mailTo(staffEmail, new RegExp(`alle viikon päästä[\\s\\S]*${url}`));
    const [enSoon] = await mailTo(en.owner.email, new RegExp(`within a week[\\s\\S]*/t/${en.slug}/requests/${enRequest.id}`));
    expect(subjectOf(enSoon)).toBe('Request deadline near: access request');
    await settle();
    expect(mailsTo(fi.owner.email, new RegExp(`alle viikon päästä[\\s\\S]*${url}`))).toHaveLength(1);
    expect(mailsTo(staffEmail, new RegExp(`alle viikon päästä[\\s\\S]*${url}`))).toHaveLength(1);
    const queued = await ctx.sql(`select 1 from platform.outbox_message where topic = 'request-staff' and ref like ?`, [`${r.id}:due-soon:%`]);
    expect(queued).toHaveLength(2);

    // Ten days on, the deadline has passed: told once more, however often the job runs.
    await ctx.at(new Date(Date.now() + 10 * DAY), async () => {
      await jobs.remindDeadlines();
      await jobs.remindDeadlines();
    });
    const [late] = await mailTo(fi.owner.email, new RegExp(`eikä pyyntöön ole vastattu[\\s\\S]*${url}`));
    expect(subjectOf(late)).toBe('Tietopyyntö on myöhässä: poistopyyntö');
    await mailTo(staffEmail, new RegExp(`eikä pyyntöön ole vastattu[\\s\\S]*${url}`));
    await settle();
    expect(mailsTo(fi.owner.email, new RegExp(url))).toHaveLength(3); // arrival, due soon, overdue
    expect(mailsTo(staffEmail, new RegExp(url))).toHaveLength(3);
    // A decided request is no one's deadline.
    await ctx.sql(`update "${fi.schema}".data_subject_request set state = 'rejected', rejection_reason = 'Late, but answered', decided_by = 'test', decided_at = now() where id = ?`, [r.id]);
    await ctx.at(new Date(Date.now() + 11 * DAY), () => jobs.remindDeadlines());
    await settle();
    expect(mailsTo(fi.owner.email, new RegExp(url))).toHaveLength(3);
  });
});

describe('export links, guessed', () => {
  let ctx: TestContext;
  afterAll(() => ctx?.close());

  it('counts unknown tokens against the client address and refuses it when the limit is used up', async () => {
    ctx = await TestContext.create({ loginMaxFailuresPerAddress: 5 });
    const tenant = await ctx.newTenant();
    const guess = (i: number) => ctx.http().post(`/api/t/${tenant.slug}/export-links/${String(i).padStart(43, 'A')}?format=json`);
    for (let i = 0; i < 5; i++) await guess(i).expect(404);
    const refused = await guess(5).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await ctx.http().get(`/api/t/${tenant.slug}/export-links/${'B'.repeat(43)}`).expect(429);
  });
});
