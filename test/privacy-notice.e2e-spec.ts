// Register settings and the public privacy statement rendered from them: WellnessRoom Espoo's statement,
// in Finnish and English, HTML and JSON; numbers that follow the settings; roles, isolation, bad input.
import { randomBytes } from 'node:crypto';
import { tenantMigrations } from '@migrations/tenant';
import { systemActor } from '@app/core';
import { AuthService } from '@app/auth';
import { TenancyService, TenantContext } from '@app/tenancy';
import { RegisterSettingsService, type PrivacyNotice, type SectionKey } from '@app/privacy-notice';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const wellnessRoom = {
  slug: 'wellnessroom-espoo',
  legalName: 'WellnessRoom Espoo',
  businessId: '2832233-5',
  streetAddress: 'Merivirta 5A, 2.krs',
  postalCode: '02320',
  city: 'Espoo',
  contactEmail: 'aleksi@wellnessroom.fi',
  contactPerson: 'Aleksi Kovács',
};

// The numbered section headings of the reference statement (its "yhteyshenkilöh" typo corrected).
const REFERENCE_HEADINGS_FI: [number, string][] = [
  [1, 'Rekisterinpitäjä'],
  [2, 'Rekisterin yhteyshenkilö'],
  [3, 'Rekisterin nimi'],
  [4, 'Rekisterin käyttötarkoitus ja tietolähteet'],
  [5, 'Rekisterin tietosisältö'],
  [7, 'Tietojen luovuttaminen säännönmukaisesti ja siirretäänkö tietoja EU:n tai Euroopan talousalueen ulkopuolelle'],
  [8, 'Tietojen säilytys'],
  [9, 'Tietojen suojaus'],
  [10, 'Tarkastus- ja kielto-oikeus'],
  [11, 'Evästeet ja seuranta'],
  [12, 'IP-tiedot'],
];
const HEADINGS_EN: [number, string][] = [
  [1, 'Controller'],
  [2, 'Contact person for the register'],
  [3, 'Name of the register'],
  [4, 'Purposes of the register and sources of data'],
  [5, 'Data content of the register'],
  [6, 'Legal bases of processing'],
  [7, 'Regular disclosures of data and transfers outside the EU or the European Economic Area'],
  [8, 'Retention of data'],
  [9, 'Security of data'],
  [10, 'Right of access and right to object'],
  [11, 'Cookies and tracking'],
  [12, 'IP addresses'],
];

function sectionText(notice: PrivacyNotice, key: SectionKey): string {
  const section = notice.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return section.blocks
    .map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'list' ? b.items.join('\n') : b.items.map((f) => `${f.label}: ${f.value}`).join('\n')))
    .join('\n');
}

const allText = (notice: PrivacyNotice) => notice.sections.map((s) => `${s.number}. ${s.heading}\n${sectionText(notice, s.key)}`).join('\n');

describe('register settings and the privacy notice', () => {
  let ctx: TestContext;
  let wr: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let other: TestTenant;
  let otherOwner: Agent;
  let register: string;
  let notice: string;

  /** Onboards a tenant with the given controller details and signs its owner in. */
  async function onboard(fields: typeof wellnessRoom): Promise<{ tenant: TestTenant; owner: Agent }> {
    const result = await ctx.get(TenancyService).onboard(systemActor('test'), fields);
    const token = new URL(result.owner.invitationUrl).hash.replace('#token=', '');
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const scope = (await ctx.get(TenancyService).findScope(fields.slug))!;
    await ctx.get(TenantContext).run(scope, () => ctx.get(AuthService).acceptInvitation('tenant-staff', token, password));
    const tenant = { id: result.tenant.id, slug: fields.slug, schema: scope.schema, owner: { email: fields.contactEmail, password } };
    return { tenant, owner: await ctx.loginTenant(tenant, tenant.owner) };
  }

  const settingsOf = async (agent: Agent, slug = wr.slug) => (await agent.get(`/api/t/${slug}/register`).expect(200)).body;
  const put = async (agent: Agent, body: Record<string, unknown>, slug = wr.slug) => agent.put(`/api/t/${slug}/register`).send(body);
  /** Applies a change with the current version, expecting success. */
  const change = async (body: Record<string, unknown>, agent = owner, slug = wr.slug) => {
    const { version } = await settingsOf(agent, slug);
    const res = await put(agent, { ...body, version }, slug);
    expect(res.status).toBe(200);
    return res.body;
  };
  const json = async (lang?: string, slug = wr.slug): Promise<PrivacyNotice> =>
    (await ctx.http().get(`/api/t/${slug}/privacy-notice${lang ? `?lang=${lang}` : ''}`).set('Accept', 'application/json').expect(200)).body;
  const page = async (lang: string, slug = wr.slug) => {
    const res = await ctx.http().get(`/api/t/${slug}/privacy-notice?lang=${lang}`).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    return res.text;
  };

  beforeAll(async () => {
    // The platform keeps the IP access log 90 days (the default, said here because tests rely on it).
    ctx = await TestContext.create({ accessLogRetentionDays: 90 });
    ({ tenant: wr, owner } = await onboard(wellnessRoom));
    staff = await ctx.loginTenant(wr, await ctx.newTenantStaff(wr, 'staff'));
    other = await ctx.newTenant();
    otherOwner = await ctx.loginTenant(other, other.owner);
    register = `/api/t/${wr.slug}/register`;
    notice = `/api/t/${wr.slug}/privacy-notice`;
  });
  afterAll(() => ctx.close());

  describe('default settings', () => {
    it('are created by onboarding: exactly one row, with the defaults the statement starts from', async () => {
      const rows = await ctx.sql(`select * from "${wr.schema}".register_settings`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        register_name: null,
        transfers_outside_eea: false,
        customer_review_after_months: 36,
        invoice_retention_years: 6,
        access_requests_per_year: 1,
        ip_log_retention_days: 90,
        marketing_channels: ['email', 'sms'],
        request_contact_name: null,
        notice_version: 1,
        version: 1,
      });
      await expect(ctx.sql(`insert into "${wr.schema}".register_settings (id) values (2)`)).rejects.toThrow(/check/);
      await expect(ctx.sql(`insert into "${wr.schema}".register_settings default values`)).rejects.toThrow(/duplicate key/);
    });

    it('are read by owner and staff, with the controller details filling what is unset', async () => {
      for (const agent of [owner, staff]) {
        const body = await settingsOf(agent);
        expect(body).toMatchObject({
          registerName: null,
          accessRequestsPerYear: 1,
          ipLogRetentionDays: 90,
          customerReviewAfterMonths: 36,
          invoiceRetentionYears: 6,
          transfersOutsideEea: false,
          marketingChannels: ['email', 'sms'],
          requestContact: null,
          noticeVersion: 1,
          effective: {
            registerName: { fi: 'WellnessRoom Espoo asiakasrekisteri', en: 'WellnessRoom Espoo customer register' },
            requestContact: { name: 'Aleksi Kovács', email: 'aleksi@wellnessroom.fi' },
          },
        });
        expect(body.dataCategories).toEqual(['business_id', 'company_name', 'contact_name', 'email', 'postal_address', 'phone', 'billing_name', 'last_login', 'billing_history', 'marketing_consents', 'data_subject_requests']);
        expect(body.purposes.fi).toMatch(/asiakassuhteen/);
        expect(body.purposes.en).toMatch(/customer relationship/);
      }
    });

    it('are added to tenants onboarded before the migration existed, by the ordinary tenant migration run', async () => {
      // The register settings and what later migrations add to them (recipients, kept versions).
      const settingsMigrations = ['0004-register-settings', '0014-register-recipients-versions'];
      const before = tenantMigrations.filter((m) => !settingsMigrations.includes(m.name));
      const result = await ctx.get(TenancyService).onboard(systemActor('test'), { ...wellnessRoom, slug: 'older-studio', contactEmail: 'older@studio.fi' }, before);
      const schema = `tenant_${result.tenant.id.replace(/-/g, '')}`;
      expect(await ctx.sql(`select 1 from information_schema.tables where table_schema = ? and table_name = 'register_settings'`, [schema])).toEqual([]);

      const report = await ctx.get(TenancyService).migrateAll();
      expect(report.migrated.find((m) => m.slug === 'older-studio')?.applied).toEqual(settingsMigrations);
      const body = await json('fi', 'older-studio');
      expect(sectionText(body, 'rights')).toContain('maksutta 1 kerran vuodessa');
    });
  });

  describe("WellnessRoom Espoo's statement", () => {
    beforeAll(async () => {
      await change({ registerName: 'Wellnessroom asiakasrekisteri' });
    });

    it('in Finnish has every section of the reference, the legal bases as section 6, and the key facts', async () => {
      const body = await json('fi');
      expect(body).toMatchObject({ tenant: 'wellnessroom-espoo', language: 'fi', title: 'Tietosuojaseloste: Wellnessroom asiakasrekisteri' });
      expect(body.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      for (const [number, heading] of REFERENCE_HEADINGS_FI) expect(body.sections[number - 1].heading).toContain(heading);
      expect(body.sections[5].heading).toBe('Henkilötietojen käsittelyn oikeusperusteet');

      expect(sectionText(body, 'controller')).toBe(['Nimi: WellnessRoom Espoo', 'Y-tunnus: 2832233-5', 'Osoite: Merivirta 5A, 2.krs, 02320 Espoo', 'Sähköpostiosoite: aleksi@wellnessroom.fi'].join('\n'));
      expect(sectionText(body, 'contact')).toContain('Nimi: Aleksi Kovács');
      expect(sectionText(body, 'register-name')).toBe('Wellnessroom asiakasrekisteri');
      const purposes = sectionText(body, 'purposes');
      expect(purposes).toContain('Tiedot kerätään rekisteröidyiltä itseltään.');
      expect(purposes).toContain('vain, mikäli asiakas on sen erikseen sallinut');
      expect(purposes).toContain('ilmoittamalla siitä sähköpostitse osoitteeseen aleksi@wellnessroom.fi');
      const categories = body.sections[4].blocks.find((b) => b.kind === 'list');
      expect(categories).toEqual({
        kind: 'list',
        items: ['y-tunnus', 'yrityksen nimi', 'yhteyshenkilön nimi', 'sähköpostiosoite', 'osoite', 'puhelinnumero', 'laskutustiedot (etu- ja sukunimi)', 'viimeisin sisäänkirjautuminen', 'laskutushistoria', 'markkinointiluvat ja -kiellot sekä niiden muutoshistoria', 'tietosuojaa koskevat pyynnöt ja niiden käsittely'],
      });
      const bases = sectionText(body, 'legal-bases');
      expect(bases).toMatch(/Asiakassuhteen hoitaminen ja laskutus: sopimus/);
      expect(bases).toMatch(/kirjanpitoaineiston säilyttäminen: lakisääteinen velvoite: kirjanpitolaki/);
      expect(bases).toMatch(/Markkinointi- ja tiedotusviestit: suostumus/);
      expect(bases).toMatch(/IP-osoitteiden lokitus \(kohta 12\): oikeutettu etu/);
      expect(sectionText(body, 'disclosures')).toContain('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.');
      const retention = sectionText(body, 'retention');
      expect(retention).toContain('asiakassuhteen jatkumisen ajan tai niin pitkään kuin laki sitä edellyttää');
      expect(retention).toContain('36 kuukauden kuluttua');
      expect(retention).toContain('6 vuoden ajan sen tilikauden päättymisestä');
      expect(retention).toContain('mikäli asiakkaalla ei ole laskuja maksamatta, laki sen sallii ja asiakas niin pyytää kirjallisesti');
      const security = sectionText(body, 'security');
      expect(security).toContain('argon2id');
      expect(security).toContain('varmuuskopioin');
      expect(security).toContain('ilmoitamme siitä sinulle mahdollisimman nopeasti');
      const rights = sectionText(body, 'rights');
      expect(rights).toContain('maksutta 1 kerran vuodessa');
      expect(rights).toContain('virheellisen tiedon oikaisua');
      expect(rights).toContain('suoramarkkinointiin');
      expect(rights).toContain('poistamista');
      expect(rights).toContain('siirto-oikeus');
      expect(rights).toContain('peruuttaa antamasi suostumus milloin tahansa');
      expect(rights).toContain('Tietosuojavaltuutetun toimisto, tietosuoja.fi');
      expect(sectionText(body, 'cookies')).toContain('vain yhtä evästettä: istuntoevästettä');
      const ip = sectionText(body, 'ip-addresses');
      expect(ip).toContain('IP-osoitteet tallentuvat niille varattuun lokiin');
      expect(ip).toContain('90 päivän ajan');
      expect(ip).toContain('ennalta määrätyillä henkilöillä');
    });

    it('in English says the same, with the same numbers', async () => {
      const body = await json('en');
      expect(body.language).toBe('en');
      expect(body.sections.map((s) => [s.number, s.heading.slice(0, HEADINGS_EN[s.number - 1][1].length)])).toEqual(HEADINGS_EN);
      const text = allText(body);
      for (const fact of [
        'Business ID: 2832233-5',
        'Address: Merivirta 5A, 2.krs, 02320 Espoo',
        'E-mail: aleksi@wellnessroom.fi',
        'Name: Aleksi Kovács',
        'Wellnessroom asiakasrekisteri',
        'only if the customer has separately allowed it',
        'free of charge once a year',
        'if the customer has no unpaid invoices, the law allows it and the customer asks for it in writing',
        'reviewed 36 months later',
        'kept for 6 years from the end of the financial year',
        'argon2id',
        'contract: the processing is necessary for the performance of the contract',
        'legal obligation: the Finnish Accounting Act',
        'consent (Article 6(1)(a))',
        'legitimate interest',
        'withdraw your consent at any time',
        'Data Protection Ombudsman (Tietosuojavaltuutetun toimisto, tietosuoja.fi)',
        'data portability',
        'IP addresses of users visiting the system are recorded in a log',
        'kept for 90 days',
        'Only persons designated in advance',
      ]) {
        expect(text).toContain(fact);
      }
      expect(sectionText(body, 'data-content')).toContain('billing details (first and last name)');
    });

    it('states the right to lodge a complaint with the supervisory authority (GDPR Art. 13(2)(d)), not only its name, in fi and en', async () => {
      // The list item that names the authority must be the one that grants the right: an authority named
      // somewhere else (breach reporting in section 9, say) is no statement of the right.
      const rightsItems = (notice: PrivacyNotice) =>
        notice.sections.find((s) => s.key === 'rights')!.blocks.flatMap((b) => (b.kind === 'list' ? b.items : b.kind === 'paragraph' ? [b.text] : []));
      const fi = rightsItems(await json('fi')).filter((item) => item.includes('Tietosuojavaltuutetun toimisto'));
      expect(fi).toEqual([
        'oikeus tehdä valitus valvontaviranomaiselle: Suomessa se on tietosuojavaltuutettu (Tietosuojavaltuutetun toimisto, tietosuoja.fi); voit tehdä valituksen myös siinä EU-maassa, jossa asut tai työskentelet',
      ]);
      const en = rightsItems(await json('en')).filter((item) => item.includes('Tietosuojavaltuutetun toimisto'));
      expect(en).toEqual([
        'the right to lodge a complaint with a supervisory authority: in Finland, the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto, tietosuoja.fi); you may also complain in the EU country where you live or work',
      ]);
      // The pages people read say it too.
      expect(await page('fi')).toContain('<li>oikeus tehdä valitus valvontaviranomaiselle: Suomessa se on tietosuojavaltuutettu');
      expect(await page('en')).toContain('<li>the right to lodge a complaint with a supervisory authority: in Finland, the Data Protection Ombudsman');
    });

    it('as HTML is a complete, escaped document with the sections as headings, and no scripts or styles', async () => {
      const html = await page('fi');
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="fi">')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<title>Tietosuojaseloste: Wellnessroom asiakasrekisteri</title>');
      for (const [number, heading] of REFERENCE_HEADINGS_FI) expect(html).toMatch(new RegExp(`<h2>${number}\\. ${heading.replace(/[()]/g, '\\$&')}[^<]*</h2>`));
      expect(html).toContain('<h2>6. Henkilötietojen käsittelyn oikeusperusteet</h2>');
      expect(html).toContain('<dt>Y-tunnus</dt><dd>2832233-5</dd>');
      expect(html).toContain('maksutta 1 kerran vuodessa');
      expect(html).toContain('Tietosuojavaltuutetun toimisto');
      expect(html).not.toMatch(/<script|<style|<link|\sstyle=/i);
      const en = await page('en');
      expect(en).toContain('<h2>1. Controller</h2>');
      expect(en).toContain('free of charge once a year');
    });

    it('answers JSON unless HTML is preferred, says its language, and refuses what it cannot produce', async () => {
      const plain = await ctx.http().get(notice).expect(200);
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      // Without ?lang the tenant's own language (Finnish).
      expect(plain.body.language).toBe('fi');
      expect(plain.headers['content-language']).toBe('fi');
      expect(plain.headers.vary).toMatch(/Accept/);
      const html = await ctx.http().get(`${notice}?lang=en`).set('Accept', 'text/html').expect(200);
      expect(html.headers['content-language']).toBe('en');
      expect(html.headers['content-security-policy']).toContain("default-src 'none'");
      problemOf(await ctx.http().get(notice).set('Accept', 'image/png').expect(406));
    });

    it('is public: no session needed, and a signed-in user of another tenant gets the same statement', async () => {
      const anonymous = await json('fi');
      const fromOther = (await otherOwner.get(`${notice}?lang=fi`).set('Accept', 'application/json').expect(200)).body;
      expect(fromOther).toEqual(anonymous);
    });
  });

  describe('a change of the settings changes the statement', () => {
    // A tenant of its own, so that WellnessRoom's statement above keeps its defaults whatever the order.
    let studio: TestTenant;
    let studioOwner: Agent;
    const edit = (body: Record<string, unknown>) => change(body, studioOwner, studio.slug);
    const read = (lang: string) => json(lang, studio.slug);

    beforeAll(async () => {
      studio = await ctx.newTenant();
      studioOwner = await ctx.loginTenant(studio, studio.owner);
    });

    it('access requests per year and IP log days, in both languages, and in what the service gives other modules', async () => {
      const before = await settingsOf(studioOwner, studio.slug);
      expect(sectionText(await read('fi'), 'rights')).toContain('maksutta 1 kerran vuodessa');
      expect(sectionText(await read('fi'), 'ip-addresses')).toContain('90 päivän ajan');
      const updated = await edit({ accessRequestsPerYear: 2, ipLogRetentionDays: 30 });
      expect(updated).toMatchObject({ accessRequestsPerYear: 2, ipLogRetentionDays: 30, version: before.version + 1, noticeVersion: before.noticeVersion + 1 });

      const fi = await read('fi');
      expect(sectionText(fi, 'rights')).toContain('maksutta 2 kertaa vuodessa');
      expect(sectionText(fi, 'ip-addresses')).toContain('30 päivän ajan');
      expect(fi.noticeVersion).toBe(before.noticeVersion + 1);
      expect(fi.facts).toMatchObject({ accessRequestsPerYear: 2, ipLogRetentionDays: 30 });
      const en = await read('en');
      expect(sectionText(en, 'rights')).toContain('free of charge twice a year');
      expect(sectionText(en, 'ip-addresses')).toContain('kept for 30 days');
      expect(await page('fi', studio.slug)).toContain('maksutta 2 kertaa vuodessa');

      const service = ctx.get(RegisterSettingsService);
      const scope = (await ctx.get(TenancyService).findScope(studio.slug))!;
      await ctx.get(TenantContext).run(scope, async () => {
        expect(await service.accessRequestsPerYear()).toBe(2);
        expect(await service.ipLogRetentionDays()).toBe(30);
        expect(await service.customerReviewAfterMonths()).toBe(36);
        expect(await service.invoiceRetentionYears()).toBe(6);
        expect(await service.noticeVersion()).toBe(before.noticeVersion + 1);
      });
      // Another tenant's numbers did not move.
      const otherScope = (await ctx.get(TenancyService).findScope(other.slug))!;
      await ctx.get(TenantContext).run(otherScope, async () => expect(await service.accessRequestsPerYear()).toBe(1));
    });

    it('retention periods, marketing channels and the contact for requests', async () => {
      await edit({ customerReviewAfterMonths: 24, invoiceRetentionYears: 7, marketingChannels: [], requestContact: { name: 'Tietosuoja-asiat', email: 'privacy@studio.fi' } });
      const fi = await read('fi');
      expect(sectionText(fi, 'retention')).toContain('24 kuukauden kuluttua');
      expect(sectionText(fi, 'retention')).toContain('7 vuoden ajan');
      expect(sectionText(fi, 'purposes')).toContain('ei käytetä markkinointiin');
      expect(sectionText(fi, 'legal-bases')).not.toContain('suostumus (6 artiklan');
      expect(sectionText(fi, 'contact')).toContain('Sähköpostiosoite: privacy@studio.fi');
      expect(sectionText(fi, 'rights')).toContain('(privacy@studio.fi)');
      // The controller (section 1) is still the tenant itself.
      expect(sectionText(fi, 'controller')).toContain(`Sähköpostiosoite: ${studio.owner.email}`);

      const reset = await edit({ marketingChannels: ['email', 'sms'], requestContact: null });
      expect(reset.effective.requestContact).toEqual({ name: 'Owner Person', email: studio.owner.email });
      expect(sectionText(await read('fi'), 'legal-bases')).toContain('suostumus (6 artiklan');
    });

    it('transfers outside the EU/EEA are stated with their safeguards', async () => {
      await edit({ transfersOutsideEea: true, transferSafeguards: { fi: 'EU:n vakiosopimuslausekkeet.', en: 'EU standard contractual clauses.' } });
      expect(sectionText(await read('en'), 'disclosures')).toContain('These safeguards apply to the transfers: EU standard contractual clauses.');
      await edit({ transfersOutsideEea: false });
      expect(sectionText(await read('fi'), 'disclosures')).toContain('Tietoja ei siirretä');
    });

    it('never states or enforces a longer IP log retention than the platform keeps the log, yet lets other edits through', async () => {
      // As if the platform had shortened its log after the tenant chose a longer period.
      await ctx.sql(`update "${studio.schema}".register_settings set ip_log_retention_days = 200`);
      expect((await settingsOf(studioOwner, studio.slug)).effective.ipLogRetentionDays).toBe(90);
      expect(sectionText(await read('fi'), 'ip-addresses')).toContain('90 päivän ajan');
      const scope = (await ctx.get(TenancyService).findScope(studio.slug))!;
      await ctx.get(TenantContext).run(scope, async () => expect(await ctx.get(RegisterSettingsService).ipLogRetentionDays()).toBe(90));
      await edit({ customerReviewAfterMonths: 30 });
      await edit({ ipLogRetentionDays: 30 });
      expect(sectionText(await read('fi'), 'ip-addresses')).toContain('30 päivän ajan');
    });

    it('a change of the controller details shows at once', async () => {
      const admin = await ctx.newPlatformAdminAgent();
      const tenant = (await admin.get(`/api/platform/tenants/${studio.slug}`).expect(200)).body;
      await admin.patch(`/api/platform/tenants/${studio.slug}`).send({ streetAddress: 'Merivirta 7', version: tenant.version }).expect(200);
      expect(sectionText(await read('fi'), 'controller')).toContain('Osoite: Merivirta 7, 02320 Espoo');
    });

    it('is recorded in the audit trail, naming the fields; an update that changes nothing raises no version', async () => {
      const before = await settingsOf(studioOwner, studio.slug);
      await edit({ ipLogRetentionDays: 60 });
      const events = await ctx.sql<{ action: string; actor: string; fields: string[] }>(
        `select action, actor, fields from "${studio.schema}".audit_event where subject_type = 'register_settings' order by id desc limit 1`,
      );
      expect(events).toEqual([{ action: 'register_settings.updated', actor: expect.stringMatching(/^tenant-staff:/), fields: ['ipLogRetentionDays'] }]);
      const same = await edit({ ipLogRetentionDays: 60, purposes: { en: before.purposes.en, fi: before.purposes.fi } });
      expect(same).toMatchObject({ version: before.version + 1, noticeVersion: before.noticeVersion + 1 });
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a stale version with 409 and changes nothing', async () => {
      const current = await settingsOf(owner);
      const res = await put(owner, { accessRequestsPerYear: 5, version: current.version - 1 });
      expect(res.status).toBe(409);
      expect(problemOf(res).type).toMatch(/stale-version$/);
      expect(await settingsOf(owner)).toEqual(current);
    });

    it('lets exactly one of two concurrent updates with the same version win', async () => {
      const { version } = await settingsOf(owner);
      const [a, b] = await Promise.all([put(owner, { ipLogRetentionDays: 45, version }), put(owner, { ipLogRetentionDays: 50, version })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect((await settingsOf(owner)).version).toBe(version + 1);
    });
  });

  describe('who may do what', () => {
    it('staff read the settings but cannot change them (403)', async () => {
      const current = await settingsOf(staff);
      const res = await put(staff, { accessRequestsPerYear: 3, version: current.version });
      expect(res.status).toBe(403);
      problemOf(res);
      expect((await settingsOf(owner)).accessRequestsPerYear).toBe(current.accessRequestsPerYear);
    });

    it('the service itself refuses a non-owner', async () => {
      const scope = (await ctx.get(TenancyService).findScope(wr.slug))!;
      const member = { kind: 'tenant-staff' as const, id: '00000000-0000-4000-8000-000000000000', email: 's@x.fi', name: 'S', role: 'staff' as const, tenantId: wr.id, tenantSlug: wr.slug };
      await ctx.get(TenantContext).run(scope, async () => {
        const { version } = await ctx.get(RegisterSettingsService).current();
        await expect(ctx.get(RegisterSettingsService).update(member, { version, accessRequestsPerYear: 3 })).rejects.toMatchObject({ status: 403 });
      });
    });

    it('anonymous callers get 401; platform staff get 404', async () => {
      problemOf(await ctx.http().get(register).expect(401));
      problemOf(await ctx.http().put(register).send({ version: 1 }).expect(401));
      const admin = await ctx.newPlatformAdminAgent();
      problemOf(await admin.get(register).expect(404));
    });

    it("keeps tenants apart: A's owner can neither read nor change B's settings (404)", async () => {
      const theirs = await settingsOf(otherOwner, other.slug);
      problemOf(await owner.get(`/api/t/${other.slug}/register`).expect(404));
      const res = await put(owner, { accessRequestsPerYear: 7, version: theirs.version }, other.slug);
      expect(res.status).toBe(404);
      problemOf(res);
      expect(await settingsOf(otherOwner, other.slug)).toEqual(theirs);
      // And B's owner sees B's controller, not A's.
      expect(theirs.effective.requestContact.email).toBe(other.owner.email);
    });
  });

  describe('bad input answers 400 and changes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { vip: true }, 'vip'],
      ['a server-owned field', { noticeVersion: 99 }, 'noticeVersion'],
      ['an unknown field inside a text', { purposes: { fi: 'a', en: 'b', sv: 'c' } }, 'purposes.sv'],
      ['a text without its English', { purposes: { fi: 'a' } }, 'purposes.en'],
      ['null for a required text', { purposes: null }, 'purposes'],
      ['an over-long text', { cookies: { fi: 'x'.repeat(4001), en: 'x' } }, 'cookies.fi'],
      ['a number as a string', { accessRequestsPerYear: '2' }, 'accessRequestsPerYear'],
      ['no access requests at all', { accessRequestsPerYear: 0 }, 'accessRequestsPerYear'],
      ['a fraction', { ipLogRetentionDays: 1.5 }, 'ipLogRetentionDays'],
      ['an IP log kept over a year', { ipLogRetentionDays: 366 }, 'ipLogRetentionDays'],
      ['an IP log kept longer than the platform keeps it (90 days here)', { ipLogRetentionDays: 91 }, 'ipLogRetentionDays'],
      ['invoices kept less than the law requires', { invoiceRetentionYears: 5 }, 'invoiceRetentionYears'],
      ['an unknown marketing channel', { marketingChannels: ['email', 'fax'] }, 'marketingChannels'],
      ['a repeated marketing channel', { marketingChannels: ['sms', 'sms'] }, 'marketingChannels'],
      ['an unknown data category', { dataCategories: ['business_id', 'shoe_size'] }, 'dataCategories'],
      ['leaving out a category the system stores', { dataCategories: ['business_id', 'company_name'] }, 'dataCategories'],
      ['transfers outside the EU/EEA without safeguards', { transfersOutsideEea: true, transferSafeguards: null }, 'transferSafeguards'],
      ['an invalid contact e-mail', { requestContact: { name: 'X', email: 'not-an-email' } }, 'requestContact.email'],
      ['an empty register name', { registerName: '' }, 'registerName'],
    ];

    it.each(cases)('%s', async (_name, body, field) => {
      const before = await settingsOf(owner);
      const res = await put(owner, { ...body, version: before.version });
      expect(res.status).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
      expect(await settingsOf(owner)).toEqual(before);
    });

    it('a missing version', async () => {
      const before = await settingsOf(owner);
      const res = await put(owner, { accessRequestsPerYear: 2 });
      expect(res.status).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain('version');
      expect(await settingsOf(owner)).toEqual(before);
    });
  });

  describe('the public notice of a tenant that is not there', () => {
    it('answers 404 for an unknown slug, in HTML and JSON alike', async () => {
      problemOf(await ctx.http().get('/api/t/no-such-tenant/privacy-notice').expect(404));
      problemOf(await ctx.http().get('/api/t/no-such-tenant/privacy-notice?lang=fi').set('Accept', 'text/html').expect(404));
    });

    it('answers 404 for a suspended tenant', async () => {
      const suspended = await ctx.newTenant();
      await ctx.http().get(`/api/t/${suspended.slug}/privacy-notice`).expect(200);
      await ctx.sql(`update platform.tenant set status = 'suspended' where slug = ?`, [suspended.slug]);
      problemOf(await ctx.http().get(`/api/t/${suspended.slug}/privacy-notice`).expect(404));
    });

    it.each(['sv', 'FI', '', 'fi,en'])('refuses lang=%s with 400', async (lang) => {
      const res = await ctx.http().get(`${notice}?lang=${encodeURIComponent(lang)}`).expect(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['lang']);
    });

    it('refuses a repeated lang with 400 and ignores other query parameters', async () => {
      problemOf(await ctx.http().get(`${notice}?lang=fi&lang=en`).expect(400));
      expect((await ctx.http().get(`${notice}?lang=en&utm_source=newsletter`).expect(200)).body.language).toBe('en');
    });
  });

  describe('escaping', () => {
    it('renders a legal name and a register name with markup as text', async () => {
      const hostile = { ...wellnessRoom, slug: 'hostile-studio', legalName: '<script>alert("x")</script> & Co', contactEmail: 'owner@hostile.fi', contactPerson: "O'Malley <b>" };
      const { owner: hostileOwner } = await onboard(hostile);
      const { version } = await settingsOf(hostileOwner, 'hostile-studio');
      expect((await put(hostileOwner, { registerName: '</title><img src=x onerror=alert(1)>', version }, 'hostile-studio')).status).toBe(200);

      const html = await page('fi', 'hostile-studio');
      expect(html).not.toMatch(/<script|<img|<b>/i);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(html).toContain('<title>Tietosuojaseloste: &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
      expect(html).toContain('O&#39;Malley &lt;b&gt;');
      // JSON carries the text as data.
      expect(sectionText(await json('fi', 'hostile-studio'), 'controller')).toContain('Nimi: <script>alert("x")</script> & Co');
    });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/t/{tenant}/register', '/api/t/{tenant}/privacy-notice']));
    expect(Object.keys(doc.paths['/api/t/{tenant}/register'])).toEqual(expect.arrayContaining(['get', 'put']));
  });
});
