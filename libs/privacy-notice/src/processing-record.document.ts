// The record of processing activities (GDPR Art. 30): the controller's record of a tenant's register,
// generated from the same register settings as its privacy statement (the record of settings version N
// is built from version N), and the platform's own record as a processor for all tenants (Art. 30(2)).
// One model, rendered as JSON and as printable HTML, in Finnish and English.
import type { NoticeBlock } from './privacy-notice.document';
import type { SystemFacts } from './privacy-notice.texts';
import { countryName, describeRecipient } from './recipients.texts';
import {
  type ControllerDetails,
  type DataCategory,
  effectiveSettings,
  isOutsideEea,
  type Lang,
  type Recipient,
  type RegisterSettingsSnapshot,
} from './register-settings.types';
import { DATA_CATEGORY_LABELS, timesEn, timesFi } from './privacy-notice.texts';

export const CONTROLLER_RECORD_SECTIONS = ['controller', 'purposes', 'data-subjects', 'data-categories', 'recipients', 'transfers', 'retention', 'security'] as const;
export const PROCESSOR_RECORD_SECTIONS = ['processor', 'controllers', 'processing', 'sub-processors', 'transfers', 'security'] as const;
export type RecordSectionKey = (typeof CONTROLLER_RECORD_SECTIONS)[number] | (typeof PROCESSOR_RECORD_SECTIONS)[number];

export interface RecordSection {
  number: number;
  key: RecordSectionKey;
  heading: string;
  blocks: NoticeBlock[];
}

export interface ProcessingRecord {
  /** `controller`: Art. 30(1), a tenant's register; `processor`: Art. 30(2), the platform for all tenants. */
  kind: 'controller' | 'processor';
  /** The tenant's slug; null for the platform's record. */
  tenant: string | null;
  language: Lang;
  title: string;
  subtitle: string;
  versionLine: string;
  /** The register settings (and statement) version the record was generated from; null for the platform's record. */
  noticeVersion: number | null;
  /** When those settings were saved, or when the platform's record was generated. */
  updatedAt: string;
  sections: RecordSection[];
}

const p = (text: string): NoticeBlock => ({ kind: 'paragraph', text });
const list = (items: string[]): NoticeBlock => ({ kind: 'list', items });
const facts = (items: [string, string][]): NoticeBlock => ({ kind: 'facts', items: items.map(([label, value]) => ({ label, value })) });
const day = (d: Date) => d.toISOString().slice(0, 10);
const address = (c: ControllerDetails) => `${c.streetAddress}, ${c.postalCode} ${c.city}`;

/** What the system does to protect every register, whatever a tenant writes (the statement's section 9 says the same). */
const SYSTEM_MEASURES: Record<Lang, (system: SystemFacts) => string[]> = {
  fi: (system) => [
    'kunkin yrityksen rekisteri omassa tietokantaskeemassaan, erillään muiden yritysten tiedoista',
    'salasanoista tallennetaan vain argon2id-tiiviste',
    `käyttäjän istunto päättyy ${system.sessionIdleMinutes} minuutin käyttämättömyyden jälkeen ja viimeistään ${system.sessionAbsoluteHours} tunnin kuluttua`,
    'käyttöoikeudet roolin mukaan (omistaja, henkilökunta); asiakas näkee portaalissa vain omat tietonsa',
    'automaattiset varmuuskopiot',
    'IP-lokin tarkastelu vain ennalta nimetyiltä henkilöiltä, perusteltuna ja kirjattuna',
    'muutokset rekisterin asetuksiin ja tietosuojapyyntöjen käsittely kirjataan tapahtumalokiin',
  ],
  en: (system) => [
    "each business's register in a database schema of its own, apart from the other businesses' data",
    'only an argon2id hash of each password is stored',
    `a user's session ends after ${system.sessionIdleMinutes} minutes without use and at the latest after ${system.sessionAbsoluteHours} hours`,
    'access by role (owner, staff); in the portal a customer sees only their own data',
    'automatic backups',
    'the IP log is looked at only by persons designated in advance, with a recorded justification',
    'changes of the register settings and the handling of data protection requests are recorded in an audit trail',
  ],
};

interface ControllerRecordTexts {
  title(registerName: string): string;
  subtitle: string;
  versionLine(version: number, updatedAt: Date): string;
  headings: Record<(typeof CONTROLLER_RECORD_SECTIONS)[number], string>;
  controller(c: ControllerDetails, contact: { name: string; email: string }): [string, string][];
  legalBases(marketing: boolean): string[];
  dataSubjects: string[];
  ipAddresses: string;
  noRecipients: string;
  transfers(abroad: Recipient[], settings: RegisterSettingsSnapshot): string[];
  retention(s: RegisterSettingsSnapshot, ipDays: number): string[];
}

const controllerFi: ControllerRecordTexts = {
  title: (name) => `Seloste käsittelytoimista: ${name}`,
  subtitle: 'Rekisterinpitäjän seloste käsittelytoimista, EU:n yleisen tietosuoja-asetuksen 30 artiklan 1 kohta',
  versionLine: (version, updatedAt) => `Rekisterin asetusten versio ${version}, päivitetty ${day(updatedAt)}`,
  headings: {
    controller: 'Rekisterinpitäjä ja yhteyshenkilö',
    purposes: 'Käsittelyn tarkoitukset ja oikeusperusteet',
    'data-subjects': 'Rekisteröityjen ryhmät',
    'data-categories': 'Henkilötietoryhmät',
    recipients: 'Vastaanottajat ja henkilötietojen käsittelijät',
    transfers: 'Siirrot EU:n ja ETA:n ulkopuolelle',
    retention: 'Säilytysajat',
    security: 'Tekniset ja organisatoriset turvatoimet',
  },
  controller: (c, contact) => [
    ['Nimi', c.legalName],
    ['Y-tunnus', c.businessId],
    ['Osoite', address(c)],
    ['Sähköpostiosoite', c.contactEmail],
    ['Rekisteriasioiden yhteyshenkilö', `${contact.name}, ${contact.email}`],
    ['Tietosuojavastaava', 'ei nimitetty'],
  ],
  legalBases: (marketing) => [
    'asiakassuhteen hoitaminen ja laskutus: sopimus (6 artiklan 1 kohdan b alakohta)',
    'laskujen säilyttäminen: lakisääteinen velvoite, kirjanpitolaki 1336/1997 (6 artiklan 1 kohdan c alakohta)',
    ...(marketing ? ['markkinointiviestit: suostumus (6 artiklan 1 kohdan a alakohta)'] : []),
    'IP-osoitteiden lokitus: oikeutettu etu, palvelun suojaaminen (6 artiklan 1 kohdan f alakohta)',
  ],
  dataSubjects: [
    'asiakkaat (yksityishenkilöt)',
    'yritysasiakkaiden yhteyshenkilöt',
    'asiakasportaalin käyttäjät',
    'palvelussa vierailevat käyttäjät (IP-osoitteet)',
  ],
  ipAddresses: 'IP-osoitteet (palvelun käyttöloki)',
  noRecipients: 'Vastaanottajia tai henkilötietojen käsittelijöitä ei ole lueteltu.',
  transfers: (abroad, s) =>
    abroad.length === 0 && !s.transfersOutsideEea
      ? ['Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.']
      : [
          ...abroad.map((r) => `${r.name} (${countryName(r.country, 'fi')}): ${r.safeguard?.fi ?? ''}`),
          ...(s.transferSafeguards ? [`Suojatoimet: ${s.transferSafeguards.fi}`] : []),
        ],
  retention: (s, ipDays) => [
    `asiakastiedot: asiakassuhteen ajan; päättyneen asiakassuhteen tiedot tarkistetaan ${s.customerReviewAfterMonths} kuukauden kuluttua ja tarpeettomat poistetaan`,
    `laskut: ${s.invoiceRetentionYears} vuotta laskun tilikauden päättymisestä (kirjanpitolaki)`,
    `IP-osoitteet: ${ipDays} päivää`,
    `tarkastuspyyntöjä palvellaan maksutta ${timesFi(s.accessRequestsPerYear)} vuodessa; pyynnöt ja niiden käsittely säilytetään osana rekisteriä`,
  ],
};

const controllerEn: ControllerRecordTexts = {
  title: (name) => `Record of processing activities: ${name}`,
  subtitle: "The controller's record of processing activities under Article 30(1) of the EU General Data Protection Regulation",
  versionLine: (version, updatedAt) => `Register settings version ${version}, updated ${day(updatedAt)}`,
  headings: {
    controller: 'Controller and contact person',
    purposes: 'Purposes and legal bases of the processing',
    'data-subjects': 'Categories of data subjects',
    'data-categories': 'Categories of personal data',
    recipients: 'Recipients and processors',
    transfers: 'Transfers outside the EU and the EEA',
    retention: 'Time limits for erasure',
    security: 'Technical and organisational security measures',
  },
  controller: (c, contact) => [
    ['Name', c.legalName],
    ['Business ID', c.businessId],
    ['Address', address(c)],
    ['E-mail', c.contactEmail],
    ['Contact person for the register', `${contact.name}, ${contact.email}`],
    ['Data protection officer', 'none designated'],
  ],
  legalBases: (marketing) => [
    'managing the customer relationship and billing: contract (Article 6(1)(b))',
    'keeping invoices: legal obligation, the Finnish Accounting Act 1336/1997 (Article 6(1)(c))',
    ...(marketing ? ['marketing messages: consent (Article 6(1)(a))'] : []),
    'logging IP addresses: legitimate interest in protecting the service (Article 6(1)(f))',
  ],
  dataSubjects: ['customers (private persons)', 'contact persons of business customers', 'users of the customer portal', 'users visiting the service (IP addresses)'],
  ipAddresses: 'IP addresses (the access log of the service)',
  noRecipients: 'No recipients or processors are listed.',
  transfers: (abroad, s) =>
    abroad.length === 0 && !s.transfersOutsideEea
      ? ['The data is not transferred outside the EU or the European Economic Area.']
      : [
          ...abroad.map((r) => `${r.name} (${countryName(r.country, 'en')}): ${r.safeguard?.en ?? ''}`),
          ...(s.transferSafeguards ? [`Safeguards: ${s.transferSafeguards.en}`] : []),
        ],
  retention: (s, ipDays) => [
    `customer data: for the customer relationship; the data of an ended relationship is reviewed after ${s.customerReviewAfterMonths} months and what is no longer needed is erased`,
    `invoices: ${s.invoiceRetentionYears} years from the end of the invoice's financial year (Accounting Act)`,
    `IP addresses: ${ipDays} days`,
    `access requests are served free of charge ${timesEn(s.accessRequestsPerYear)} a year; requests and their handling are kept as part of the register`,
  ],
};

const CONTROLLER_TEXTS: Record<Lang, ControllerRecordTexts> = { fi: controllerFi, en: controllerEn };

export interface ControllerRecordInput {
  slug: string;
  controller: ControllerDetails;
  settings: RegisterSettingsSnapshot;
  system: SystemFacts;
}

/** Art. 30(1): the controller's record of a tenant's register, from one version of its settings. */
export function buildControllerRecord(input: ControllerRecordInput, lang: Lang): ProcessingRecord {
  const t = CONTROLLER_TEXTS[lang];
  const { controller, settings: s, system } = input;
  const effective = effectiveSettings(s, controller, system.accessLogRetentionDays);
  const abroad = s.recipients.filter((r) => isOutsideEea(r.country));
  const body: Record<(typeof CONTROLLER_RECORD_SECTIONS)[number], NoticeBlock[]> = {
    controller: [facts(t.controller(controller, effective.requestContact))],
    purposes: [p(s.purposes[lang]), list(t.legalBases(s.marketingChannels.length > 0))],
    'data-subjects': [list(t.dataSubjects)],
    'data-categories': [list([...s.dataCategories.map((c: DataCategory) => DATA_CATEGORY_LABELS[lang][c]), t.ipAddresses])],
    recipients: [p(s.disclosures[lang]), s.recipients.length ? list(s.recipients.map((r) => describeRecipient(r, lang))) : p(t.noRecipients)],
    transfers: [list(t.transfers(abroad, s))],
    retention: [list(t.retention(s, effective.ipLogRetentionDays))],
    security: [p(s.securityMeasures[lang]), list(SYSTEM_MEASURES[lang](system))],
  };
  return {
    kind: 'controller',
    tenant: input.slug,
    language: lang,
    title: t.title(effective.registerName[lang]),
    subtitle: t.subtitle,
    versionLine: t.versionLine(s.noticeVersion, s.updatedAt),
    noticeVersion: s.noticeVersion,
    updatedAt: s.updatedAt.toISOString(),
    sections: CONTROLLER_RECORD_SECTIONS.map((key, i) => ({ number: i + 1, key, heading: t.headings[key], blocks: body[key] })),
  };
}

/** A controller the platform processes data for: a tenant with its contact details. */
export interface ProcessorClient {
  legalName: string;
  businessId: string;
  contactEmail: string;
  status: string;
}

export interface ProcessorRecordInput {
  /** The platform's processors: its operator first, then the ones it uses (hosting, e-mail). */
  platform: readonly Recipient[];
  controllers: ProcessorClient[];
  system: SystemFacts;
  generatedAt: Date;
}

interface ProcessorRecordTexts {
  title: string;
  subtitle: string;
  versionLine(at: Date): string;
  headings: Record<(typeof PROCESSOR_RECORD_SECTIONS)[number], string>;
  processor(operator: Recipient): [string, string][];
  noControllers: string;
  controller(c: ProcessorClient): string;
  processing: string[];
  noTransfers: string;
}

const processorFi: ProcessorRecordTexts = {
  title: 'Seloste käsittelytoimista: Rekisteri-palvelu henkilötietojen käsittelijänä',
  subtitle: 'Henkilötietojen käsittelijän seloste käsittelytoimista, EU:n yleisen tietosuoja-asetuksen 30 artiklan 2 kohta',
  versionLine: (at) => `Laadittu ${day(at)}`,
  headings: {
    processor: 'Henkilötietojen käsittelijä',
    controllers: 'Rekisterinpitäjät, joiden lukuun tietoja käsitellään',
    processing: 'Käsittelyn ryhmät',
    'sub-processors': 'Alihankkijat (muut käsittelijät)',
    transfers: 'Siirrot EU:n ja ETA:n ulkopuolelle',
    security: 'Tekniset ja organisatoriset turvatoimet',
  },
  processor: (o) => [
    ['Nimi', o.name],
    ['Maa', countryName(o.country, 'fi')],
    ['Tietosuojavastaava', 'ei nimitetty'],
  ],
  noControllers: 'Palvelussa ei ole vielä yhtään yritystä.',
  controller: (c) => `${c.legalName} (y-tunnus ${c.businessId}), ${c.contactEmail}${c.status === 'active' ? '' : ` – tila: ${c.status}`}`,
  processing: [
    'asiakasrekisterin tietojen tallentaminen, säilyttäminen ja varmuuskopiointi',
    'laskujen laatiminen ja säilyttäminen rekisterinpitäjän puolesta',
    'sähköpostiviestien lähettäminen rekisterinpitäjän puolesta (kutsut, ilmoitukset, markkinointi suostumuksen mukaan)',
    'asiakasportaali: rekisteröidyn omien tietojen näyttäminen ja pyyntöjen vastaanottaminen',
    'IP-osoitteiden lokitus palvelun suojaamiseksi',
    'tietosuojapyyntöjen määräaikojen seuranta ja tietojen poistaminen säilytysaikojen mukaan',
  ],
  noTransfers: 'Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.',
};

const processorEn: ProcessorRecordTexts = {
  title: 'Record of processing activities: the Rekisteri service as a processor',
  subtitle: "The processor's record of processing activities under Article 30(2) of the EU General Data Protection Regulation",
  versionLine: (at) => `Generated ${day(at)}`,
  headings: {
    processor: 'Processor',
    controllers: 'Controllers on whose behalf the processor acts',
    processing: 'Categories of processing',
    'sub-processors': 'Sub-processors',
    transfers: 'Transfers outside the EU and the EEA',
    security: 'Technical and organisational security measures',
  },
  processor: (o) => [
    ['Name', o.name],
    ['Country', countryName(o.country, 'en')],
    ['Data protection officer', 'none designated'],
  ],
  noControllers: 'No business uses the service yet.',
  controller: (c) => `${c.legalName} (business ID ${c.businessId}), ${c.contactEmail}${c.status === 'active' ? '' : ` – status: ${c.status}`}`,
  processing: [
    'storing, keeping and backing up the data of customer registers',
    'making and keeping invoices on behalf of the controller',
    'sending e-mail on behalf of the controller (invitations, notifications, marketing where consented)',
    "the customer portal: showing data subjects their own data and receiving their requests",
    'logging IP addresses to protect the service',
    'following the deadlines of data protection requests and erasing data as the retention periods say',
  ],
  noTransfers: 'The data is not transferred outside the EU or the European Economic Area.',
};

const PROCESSOR_TEXTS: Record<Lang, ProcessorRecordTexts> = { fi: processorFi, en: processorEn };

/** Art. 30(2): the platform's record as a processor for every tenant. */
export function buildProcessorRecord(input: ProcessorRecordInput, lang: Lang): ProcessingRecord {
  const t = PROCESSOR_TEXTS[lang];
  const [operator, ...subs] = input.platform;
  const abroad = input.platform.filter((r) => isOutsideEea(r.country));
  const body: Record<(typeof PROCESSOR_RECORD_SECTIONS)[number], NoticeBlock[]> = {
    processor: [facts(t.processor(operator))],
    controllers: [input.controllers.length ? list(input.controllers.map(t.controller)) : p(t.noControllers)],
    processing: [list(t.processing)],
    'sub-processors': [list(subs.map((r) => describeRecipient(r, lang)))],
    transfers: [abroad.length ? list(abroad.map((r) => describeRecipient(r, lang))) : p(t.noTransfers)],
    security: [list(SYSTEM_MEASURES[lang](input.system))],
  };
  return {
    kind: 'processor',
    tenant: null,
    language: lang,
    title: t.title,
    subtitle: t.subtitle,
    versionLine: t.versionLine(input.generatedAt),
    noticeVersion: null,
    updatedAt: input.generatedAt.toISOString(),
    sections: PROCESSOR_RECORD_SECTIONS.map((key, i) => ({ number: i + 1, key, heading: t.headings[key], blocks: body[key] })),
  };
}
