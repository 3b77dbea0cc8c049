// The records of processing activities, the recipients' wording and the cookie-contradiction check, as pure
// functions of the settings (no database).
import { buildPrivacyNotice } from './privacy-notice.document';
import { buildControllerRecord, buildProcessorRecord, type ProcessingRecord } from './processing-record.document';
import { renderProcessingRecordHtml, PROCESSING_RECORD_CSP } from './processing-record.html';
import { describeRecipient } from './recipients.texts';
import { type ControllerDetails, DEFAULT_RECIPIENTS, isOutsideEea, type Recipient, type RegisterSettingsSnapshot, STORED_DATA_CATEGORIES } from './register-settings.types';
import { affirmedTrackingTerms, settingsWarnings } from './settings-warnings';
import { createHash } from 'node:crypto';

const controller: ControllerDetails = {
  legalName: 'WellnessRoom Espoo',
  businessId: '2832233-5',
  streetAddress: 'Merivirta 5A, 2.krs',
  postalCode: '02320',
  city: 'Espoo',
  contactEmail: 'aleksi@wellnessroom.fi',
  contactPerson: 'Aleksi Kovács',
};
const text = (fi: string, en: string) => ({ fi, en });
const settings: RegisterSettingsSnapshot = {
  registerName: 'Wellnessroom asiakasrekisteri',
  purposes: text('Asiakassuhteen hoitaminen.', 'Managing the customer relationship.'),
  dataCategories: [...STORED_DATA_CATEGORIES],
  dataSources: text('Rekisteröidyiltä itseltään.', 'From the data subjects.'),
  disclosures: text('Tietoja ei luovuteta.', 'No disclosures.'),
  transfersOutsideEea: false,
  transferSafeguards: null,
  customerReviewAfterMonths: 36,
  invoiceRetentionYears: 6,
  accessRequestsPerYear: 1,
  ipLogRetentionDays: 90,
  marketingChannels: ['email'],
  securityMeasures: text('Palomuurit.', 'Firewalls.'),
  cookies: text('Eväste on pieni merkintä.', 'A cookie is a small piece of data.'),
  requestContact: null,
  recipients: [...DEFAULT_RECIPIENTS],
  noticeVersion: 4,
  updatedAt: new Date('2026-11-25T10:00:00Z'),
  version: 4,
};
const system = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, accessLogRetentionDays: 180 };
const US: Recipient = { name: 'Mailgun Technologies, Inc.', role: 'email', country: 'US', safeguard: text('Vakiosopimuslausekkeet.', 'Standard contractual clauses.') };

const record = (lang: 'fi' | 'en', over: Partial<RegisterSettingsSnapshot> = {}) =>
  buildControllerRecord({ slug: 'wellnessroom-espoo', controller, settings: { ...settings, ...over }, system }, lang);
const section = (r: ProcessingRecord, key: string) =>
  r.sections
    .find((s) => s.key === key)!
    .blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'list' ? b.items.join('\n') : b.items.map((f) => `${f.label}: ${f.value}`).join('\n')))
    .join('\n');

describe('the recipients', () => {
  it('are inside or outside the EEA by their country', () => {
    expect(['FI', 'SE', 'DE', 'NO', 'IS', 'LI'].map(isOutsideEea)).toEqual([false, false, false, false, false, false]);
    expect(['US', 'GB', 'CH', 'IN'].map(isOutsideEea)).toEqual([true, true, true, true]);
  });

  it('are described with their role and country, and a transfer with its safeguard, in fi and en', () => {
    expect(describeRecipient(DEFAULT_RECIPIENTS[1], 'fi')).toBe('UpCloud Oy (Helsinki): palvelintilat ja tietokannat (henkilötietojen käsittelijä), Suomi');
    expect(describeRecipient(DEFAULT_RECIPIENTS[0], 'en')).toBe('Rekisteri: provider and operator of the register system (processor), Finland');
    expect(describeRecipient(US, 'fi')).toBe('Mailgun Technologies, Inc.: sähköpostien välitys (henkilötietojen käsittelijä), Yhdysvallat (EU:n ja ETA:n ulkopuolella; suojatoimet: Vakiosopimuslausekkeet.)');
    expect(describeRecipient(US, 'en')).toContain('United States (outside the EU/EEA; safeguards: Standard contractual clauses.)');
  });

  it('appear in the statement, in its section 7 and its JSON', () => {
    const notice = buildPrivacyNotice({ slug: 'x', controller, settings: { ...settings, recipients: [...DEFAULT_RECIPIENTS, US], transfersOutsideEea: true, transferSafeguards: US.safeguard }, system }, 'en');
    expect(notice.recipients.map((r) => [r.name, r.outsideEea])).toEqual([['Rekisteri', false], ['UpCloud Oy (Helsinki)', false], ['Rekisteri (SMTP)', false], ['Mailgun Technologies, Inc.', true]]);
    const disclosures = notice.sections.find((s) => s.key === 'disclosures')!;
    expect(disclosures.blocks).toContainEqual({ kind: 'list', items: notice.recipients.map((r) => describeRecipient(r, 'en')) });
    const none = buildPrivacyNotice({ slug: 'x', controller, settings: { ...settings, recipients: [] }, system }, 'fi');
    expect(none.sections.find((s) => s.key === 'disclosures')!.blocks).toHaveLength(2);
  });
});

describe("the controller's record (Art. 30(1))", () => {
  it('has the sections Art. 30(1) asks for, from the settings, in fi and en', () => {
    const fi = record('fi');
    expect(fi.sections.map((s) => `${s.number}. ${s.heading}`)).toEqual([
      '1. Rekisterinpitäjä ja yhteyshenkilö',
      '2. Käsittelyn tarkoitukset ja oikeusperusteet',
      '3. Rekisteröityjen ryhmät',
      '4. Henkilötietoryhmät',
      '5. Vastaanottajat ja henkilötietojen käsittelijät',
      '6. Siirrot EU:n ja ETA:n ulkopuolelle',
      '7. Säilytysajat',
      '8. Tekniset ja organisatoriset turvatoimet',
    ]);
    expect(fi.title).toBe('Seloste käsittelytoimista: Wellnessroom asiakasrekisteri');
    expect(fi.versionLine).toBe('Rekisterin asetusten versio 4, päivitetty 2026-11-25');
    expect(section(fi, 'controller')).toContain('Rekisteriasioiden yhteyshenkilö: Aleksi Kovács, aleksi@wellnessroom.fi');
    expect(section(fi, 'purposes')).toContain('markkinointiviestit: suostumus');
    expect(section(fi, 'data-categories')).toContain('laskutushistoria');
    expect(section(fi, 'retention')).toContain('IP-osoitteet: 90 päivää');
    expect(section(fi, 'retention')).toContain('maksutta 1 kerran vuodessa');
    expect(section(fi, 'security')).toContain('Palomuurit.');
    expect(section(fi, 'security')).toContain('30 minuutin käyttämättömyyden jälkeen');
    const en = record('en', { marketingChannels: [], accessRequestsPerYear: 2 });
    expect(en.title).toBe('Record of processing activities: Wellnessroom asiakasrekisteri');
    expect(section(en, 'purposes')).not.toContain('consent');
    expect(section(en, 'retention')).toContain('free of charge twice a year');
  });

  it('states the transfers outside the EEA and their safeguards, or that there are none', () => {
    expect(section(record('fi'), 'transfers')).toBe('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.');
    const abroad = record('en', { recipients: [US], transfersOutsideEea: true, transferSafeguards: text('SCC fi', 'SCC en') });
    expect(section(abroad, 'transfers')).toBe('Mailgun Technologies, Inc. (United States): Standard contractual clauses.\nSafeguards: SCC en');
  });

  it('prints: escaped HTML with a print style sheet allowed by its hash, and a link to the other language that keeps the version', () => {
    const html = renderProcessingRecordHtml(record('fi', { purposes: text('<script>alert(1)</script>', 'x') }), '?lang=fi&version=4');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="?lang=en&amp;version=4"');
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1];
    expect(style).toContain('@media print');
    expect(PROCESSING_RECORD_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });
});

describe("the platform's processor record (Art. 30(2))", () => {
  it('names the processor, every controller, the sub-processors and no transfers', () => {
    const r = buildProcessorRecord(
      { platform: DEFAULT_RECIPIENTS, controllers: [{ legalName: 'WellnessRoom Espoo', businessId: '2832233-5', contactEmail: 'aleksi@wellnessroom.fi', status: 'suspended' }], system, generatedAt: new Date('2026-12-01T00:00:00Z') },
      'fi',
    );
    expect(r).toMatchObject({ kind: 'processor', tenant: null, noticeVersion: null, versionLine: 'Laadittu 2026-12-01' });
    expect(section(r, 'processor')).toContain('Nimi: Rekisteri');
    expect(section(r, 'controllers')).toBe('WellnessRoom Espoo (y-tunnus 2832233-5), aleksi@wellnessroom.fi – tila: suspended');
    expect(section(r, 'sub-processors')).toContain('UpCloud Oy (Helsinki)');
    expect(section(r, 'transfers')).toBe('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.');
  });
});

describe('the cookie text against the settings', () => {
  it('finds analytics, marketing and third-party cookies and tracking tools, in Finnish and English', () => {
    expect(affirmedTrackingTerms('Käytämme Google Analytics -palvelua ja markkinointievästeitä.', 'fi')).toEqual(['Google Analytics', 'markkinointievästeitä']);
    expect(affirmedTrackingTerms('Sivustolla on Facebook-pikseli.', 'fi')).toEqual(['Facebook-pikseli']);
    expect(affirmedTrackingTerms('We use analytics cookies and a Meta pixel.', 'en')).toEqual(['analytics cookies', 'Meta pixel']);
  });

  it('does not count a sentence that denies them', () => {
    expect(affirmedTrackingTerms('Emme käytä analytiikka- tai markkinointievästeitä.', 'fi')).toEqual([]);
    expect(affirmedTrackingTerms('Evästettä ei käytetä kävijäseurantaan.', 'fi')).toEqual([]);
    expect(affirmedTrackingTerms('We do not use analytics or marketing cookies. We use Hotjar.', 'en')).toEqual(['Hotjar']);
  });

  it('warns per language, and not for the default texts', () => {
    expect(settingsWarnings(settings)).toEqual([]);
    expect(settingsWarnings({ cookies: text('Eväste on pieni merkintä.', 'We use retargeting.') })).toEqual([
      { code: 'cookies-contradiction', field: 'cookies.en', terms: ['retargeting'], message: expect.stringContaining('"retargeting"') },
    ]);
  });
});
