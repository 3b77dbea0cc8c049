// Recipients and processors (GDPR Art. 13(1)(e)) in the settings, the statement and the record; the record
// of processing activities (Art. 30) generated from a kept version of the register settings; the cookie
// text that contradicts the settings; the statement preview that stores nothing; who may do what.
import type { PrivacyNotice, ProcessingRecord } from '@app/privacy-notice';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const blocksText = (sections: { heading: string; blocks: PrivacyNotice['sections'][number]['blocks'] }[]) =>
  sections
    .map((s) => [s.heading, ...s.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'list' ? b.items.join('\n') : b.items.map((f) => `${f.label}: ${f.value}`).join('\n')))].join('\n'))
    .join('\n');
const sectionOf = (doc: { sections: { key: string; heading: string; blocks: PrivacyNotice['sections'][number]['blocks'] }[] }, key: string) => {
  const section = doc.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return blocksText([section]);
};

const US_PROCESSOR = { name: 'Mailgun Technologies, Inc.', role: 'email', country: 'US', safeguard: { fi: 'EU:n vakiosopimuslausekkeet (2021/914).', en: 'EU standard contractual clauses (2021/914).' } };

describe('recipients, the Art. 30 record and the statement preview', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let other: TestTenant;
  let otherOwner: Agent;

  const base = (slug = tenant.slug) => `/api/t/${slug}`;
  const settingsOf = async (agent = owner, slug = tenant.slug) => (await agent.get(`${base(slug)}/register`).expect(200)).body;
  const change = async (body: Record<string, unknown>, agent = owner, slug = tenant.slug) => {
    const { version } = await settingsOf(agent, slug);
    return agent.put(`${base(slug)}/register`).send({ ...body, version });
  };
  const notice = async (lang: 'fi' | 'en', slug = tenant.slug): Promise<PrivacyNotice> =>
    (await ctx.http().get(`${base(slug)}/privacy-notice?lang=${lang}`).set('Accept', 'application/json').expect(200)).body;
  const record = async (lang: 'fi' | 'en', version?: number, agent = owner): Promise<ProcessingRecord> =>
    (await agent.get(`${base()}/register/record?lang=${lang}${version ? `&version=${version}` : ''}`).set('Accept', 'application/json').expect(200)).body;
  const preview = (body: Record<string, unknown>, agent = owner, slug = tenant.slug) => agent.post(`${base(slug)}/privacy-notice/preview`).send(body);

  beforeAll(async () => {
    ctx = await TestContext.create({ accessLogRetentionDays: 90 });
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    other = await ctx.newTenant();
    otherOwner = await ctx.loginTenant(other, other.owner);
  });
  afterAll(() => ctx.close());

  describe('recipients and processors', () => {
    it("default to the platform's own: its operator, UpCloud in Helsinki and the e-mail provider, all inside the EEA", async () => {
      const settings = await settingsOf();
      expect(settings.recipients).toEqual([
        { name: 'Rekisteri', role: 'platform_operator', country: 'FI', outsideEea: false, safeguard: null },
        { name: 'UpCloud Oy (Helsinki)', role: 'hosting', country: 'FI', outsideEea: false, safeguard: null },
        { name: 'Rekisteri (SMTP)', role: 'email', country: 'FI', outsideEea: false, safeguard: null },
      ]);
      const fi = await notice('fi');
      expect(fi.recipients.map((r) => r.name)).toEqual(['Rekisteri', 'UpCloud Oy (Helsinki)', 'Rekisteri (SMTP)']);
      expect(sectionOf(fi, 'disclosures')).toContain('UpCloud Oy (Helsinki): palvelintilat ja tietokannat (henkilötietojen käsittelijä), Suomi');
      expect(sectionOf(await notice('en'), 'disclosures')).toContain('UpCloud Oy (Helsinki): server premises and databases (processor), Finland');
      const page = await ctx.http().get(`${base()}/privacy-notice?lang=fi`).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('<li>UpCloud Oy (Helsinki): palvelintilat ja tietokannat (henkilötietojen käsittelijä), Suomi</li>');
      expect(sectionOf(await record('fi'), 'recipients')).toContain('UpCloud Oy (Helsinki)');
    });

    it('outside the EEA need a safeguard and the statement saying data is transferred; then both documents state them', async () => {
      const withoutSafeguard = await change({ recipients: [{ ...US_PROCESSOR, safeguard: null }] });
      expect(withoutSafeguard.status).toBe(400);
      expect(problemOf(withoutSafeguard).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'recipients.0.safeguard' }), expect.objectContaining({ field: 'transfersOutsideEea' })]));
      const lowerCase = await change({ recipients: [{ ...US_PROCESSOR, country: 'us' }] });
      expect(lowerCase.status).toBe(400);
      expect((await settingsOf()).recipients).toHaveLength(3);

      const saved = await change({ recipients: [...(await settingsOf()).recipients.map(({ outsideEea: _, ...r }: { outsideEea: boolean }) => r), US_PROCESSOR], transfersOutsideEea: true, transferSafeguards: US_PROCESSOR.safeguard });
      expect(saved.status).toBe(200);
      expect(saved.body.recipients[3]).toEqual({ ...US_PROCESSOR, outsideEea: true });
      const fi = await notice('fi');
      expect(fi.recipients[3]).toMatchObject({ name: US_PROCESSOR.name, outsideEea: true });
      expect(sectionOf(fi, 'disclosures')).toContain('Mailgun Technologies, Inc.: sähköpostien välitys (henkilötietojen käsittelijä), Yhdysvallat (EU:n ja ETA:n ulkopuolella; suojatoimet: EU:n vakiosopimuslausekkeet (2021/914).)');
      expect(sectionOf(await record('en'), 'transfers')).toContain('Mailgun Technologies, Inc. (United States): EU standard contractual clauses (2021/914).');

      const back = await change({ recipients: saved.body.recipients.slice(0, 3).map(({ outsideEea: _, ...r }: { outsideEea: boolean }) => r), transfersOutsideEea: false });
      expect(back.status).toBe(200);
      expect(sectionOf(await record('fi'), 'transfers')).toContain('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.');
    });
  });

  describe('the record of processing activities (Art. 30(1))', () => {
    it("has the controller, purposes, people, data, recipients, transfers, retention and security, in fi and en", async () => {
      const fi = await record('fi');
      expect(fi).toMatchObject({ kind: 'controller', tenant: tenant.slug, language: 'fi' });
      expect(fi.sections.map((s) => s.key)).toEqual(['controller', 'purposes', 'data-subjects', 'data-categories', 'recipients', 'transfers', 'retention', 'security']);
      expect(fi.title).toMatch(/^Seloste käsittelytoimista: /);
      expect(sectionOf(fi, 'data-subjects')).toContain('yritysasiakkaiden yhteyshenkilöt');
      expect(sectionOf(fi, 'data-categories')).toContain('IP-osoitteet');
      expect(sectionOf(fi, 'security')).toContain('argon2id');
      const en = await record('en');
      expect(en.title).toMatch(/^Record of processing activities: /);
      expect(en.subtitle).toContain('Article 30(1)');
      expect(sectionOf(en, 'retention')).toContain('IP addresses: 90 days');
    });

    it('reflects a settings change, and the record of version N stays the one generated from settings version N', async () => {
      const before = await settingsOf();
      const old = await record('fi');
      expect(old.noticeVersion).toBe(before.noticeVersion);
      expect(sectionOf(old, 'retention')).toContain('tarkistetaan 36 kuukauden kuluttua');

      const res = await change({ customerReviewAfterMonths: 24, securityMeasures: { fi: 'Kulunvalvonta ja lukitut tilat.', en: 'Access control and locked premises.' } });
      expect(res.status).toBe(200);
      const now = await record('fi');
      expect(now.noticeVersion).toBe(before.noticeVersion + 1);
      expect(now.versionLine).toContain(`versio ${before.noticeVersion + 1}`);
      expect(sectionOf(now, 'retention')).toContain('tarkistetaan 24 kuukauden kuluttua');
      expect(sectionOf(await record('en'), 'security')).toContain('Access control and locked premises.');

      const kept = await record('fi', before.noticeVersion);
      expect(kept).toEqual(old);
      expect(await record('fi', before.noticeVersion + 1)).toEqual(now);

      const versions = (await owner.get(`${base()}/register/versions`).expect(200)).body;
      expect(versions.map((v: { noticeVersion: number }) => v.noticeVersion).slice(0, 2)).toEqual([before.noticeVersion + 1, before.noticeVersion]);
      problemOf(await owner.get(`${base()}/register/record?version=999`).set('Accept', 'application/json').expect(404));
      problemOf(await owner.get(`${base()}/register/record?version=0`).set('Accept', 'application/json').expect(400));
    });

    it('keeps its versions append-only in the database', async () => {
      await expect(ctx.sql(`delete from ${tenant.schema}.register_settings_version`)).rejects.toThrow(/append-only/);
      await expect(ctx.sql(`update ${tenant.schema}.register_settings_version set settings = '{}'::jsonb`)).rejects.toThrow(/append-only/);
    });

    it('prints: a complete HTML page with print CSS allowed by its hash alone, no scripts, in the asked language', async () => {
      const res = await owner.get(`${base()}/register/record?lang=en`).set('Accept', 'text/html').expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-language']).toBe('en');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(res.text).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
      expect(res.text).toContain('@media print');
      expect(res.text).toContain('<h2>5. Recipients and processors</h2>');
      expect(res.text).not.toMatch(/<script/i);
      expect(res.text).toContain('href="?lang=fi"');
    });
  });

  describe("the platform's processor record (Art. 30(2))", () => {
    it('names every tenant as a controller and the sub-processors, for platform admins only', async () => {
      const admin = await ctx.newPlatformAdminAgent();
      const fi: ProcessingRecord = (await admin.get('/api/platform/processing-record?lang=fi').set('Accept', 'application/json').expect(200)).body;
      expect(fi).toMatchObject({ kind: 'processor', tenant: null, noticeVersion: null });
      const controllers = sectionOf(fi, 'controllers');
      const tenants = (await admin.get('/api/platform/tenants?limit=200').expect(200)).body as { legalName: string }[];
      for (const t of tenants) expect(controllers).toContain(t.legalName);
      expect(sectionOf(fi, 'sub-processors')).toContain('UpCloud Oy (Helsinki)');
      const en = await admin.get('/api/platform/processing-record?lang=en').set('Accept', 'text/html').expect(200);
      expect(en.text).toContain('Article 30(2)');

      expect([401, 403]).toContain((await owner.get('/api/platform/processing-record').set('Accept', 'application/json')).status);
      problemOf(await ctx.http().get('/api/platform/processing-record').expect(401));
      const support = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
      problemOf(await support.get('/api/platform/processing-record').set('Accept', 'application/json').expect(403));
    });
  });

  describe('the cookie text must not contradict the settings', () => {
    it('warns when a free text mentions analytics or marketing cookies, in the answer and in what is read later', async () => {
      const res = await change({ cookies: { fi: 'Käytämme myös Google Analytics -analytiikkaevästeitä kävijäseurantaan.', en: 'A cookie is a small piece of data.' } });
      expect(res.status).toBe(200);
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'cookies-contradiction', field: 'cookies.fi', terms: expect.arrayContaining(['Google Analytics']) })]);
      expect((await settingsOf()).warnings).toHaveLength(1);
      expect((await settingsOf(staff)).warnings).toHaveLength(1);

      const denial = await change({ cookies: { fi: 'Emme käytä analytiikka- tai markkinointievästeitä.', en: 'We do not use analytics or marketing cookies.' } });
      expect(denial.body.warnings).toEqual([]);
      const english = await change({ cookies: { fi: 'Eväste on pieni merkintä.', en: 'We use third-party cookies for retargeting.' } });
      expect(english.body.warnings).toEqual([expect.objectContaining({ field: 'cookies.en', terms: ['third-party cookies', 'retargeting'] })]);
    });
  });

  describe('the statement preview', () => {
    it('renders fi and en from unsaved settings, with the warnings, and stores nothing', async () => {
      const before = await settingsOf();
      const versionsBefore = (await owner.get(`${base()}/register/versions`).expect(200)).body;
      const res = await preview({ accessRequestsPerYear: 3, cookies: { fi: 'Käytämme markkinointievästeitä.', en: 'We use marketing cookies.' } }).expect(200);
      expect(res.body.settings).toMatchObject({ accessRequestsPerYear: 3, noticeVersion: before.noticeVersion + 1, version: before.version });
      expect(res.body.settings.warnings.map((w: { field: string }) => w.field)).toEqual(['cookies.fi', 'cookies.en']);
      expect(sectionOf(res.body.fi, 'rights')).toContain('maksutta 3 kertaa vuodessa');
      expect(sectionOf(res.body.en, 'rights')).toContain('free of charge 3 times a year');
      expect(res.body.fi.noticeVersion).toBe(before.noticeVersion + 1);

      expect(await settingsOf()).toEqual(before);
      expect((await owner.get(`${base()}/register/versions`).expect(200)).body).toEqual(versionsBefore);
      expect(sectionOf(await notice('fi'), 'rights')).not.toContain('3 kertaa');
    });

    it('with nothing changed is the published statement', async () => {
      const res = await preview({}).expect(200);
      expect(res.body.fi).toEqual(await notice('fi'));
    });

    it('validates like a save: 400 for what a save refuses, and for unknown fields', async () => {
      problemOf(await preview({ ipLogRetentionDays: 1000 }).expect(400));
      problemOf(await preview({ ipLogRetentionDays: 120 }).expect(400));
      problemOf(await preview({ dataCategories: ['email'] }).expect(400));
      problemOf(await preview({ recipients: [{ ...US_PROCESSOR, safeguard: null }] }).expect(400));
      problemOf(await preview({ recipients: [{ name: 'X', role: 'spy', country: 'FI' }] }).expect(400));
      problemOf(await preview({ purposes: { fi: '' , en: 'x' } }).expect(400));
      problemOf(await preview({ version: 1 }).expect(400));
    });
  });

  describe('who may do what', () => {
    it('staff can neither preview nor read the record or the versions (403)', async () => {
      problemOf(await preview({ accessRequestsPerYear: 2 }, staff).expect(403));
      problemOf(await staff.get(`${base()}/register/record`).set('Accept', 'application/json').expect(403));
      problemOf(await staff.get(`${base()}/register/versions`).expect(403));
    });

    it('anonymous callers get 401', async () => {
      problemOf(await ctx.http().post(`${base()}/privacy-notice/preview`).send({}).expect(401));
      problemOf(await ctx.http().get(`${base()}/register/record`).set('Accept', 'application/json').expect(401));
    });

    it("keeps tenants apart: another tenant's owner gets 404 and sees only their own record", async () => {
      problemOf(await preview({}, otherOwner).expect(404));
      problemOf(await otherOwner.get(`${base()}/register/record`).set('Accept', 'application/json').expect(404));
      problemOf(await otherOwner.get(`${base()}/register/versions`).expect(404));
      const theirs: ProcessingRecord = (await otherOwner.get(`${base(other.slug)}/register/record?lang=fi`).set('Accept', 'application/json').expect(200)).body;
      expect(theirs.tenant).toBe(other.slug);
      expect(sectionOf(theirs, 'retention')).toContain('36 kuukauden');
      expect(theirs.noticeVersion).toBe(1);
    });
  });
});
