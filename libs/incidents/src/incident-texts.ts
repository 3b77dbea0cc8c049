// What the notices say, in Finnish and English: what happened, which data, what the reader should do,
// and whom to contact. Pure functions of the incident and the tenant, so they are tested without mail.

import { DATA_CATEGORIES } from '@app/privacy-notice';

export type Lang = 'fi' | 'en';

/** The data an incident can concern: the register's categories (statement section 5) and what the platform adds. */
export const INCIDENT_DATA_CATEGORIES = [...DATA_CATEGORIES, 'portal_credentials', 'ip_addresses'] as const;
export type IncidentDataCategory = (typeof INCIDENT_DATA_CATEGORIES)[number];

const CATEGORY_NAMES: Record<Lang, Record<IncidentDataCategory, string>> = {
  fi: {
    business_id: 'y-tunnus',
    company_name: 'yrityksen nimi',
    contact_name: 'yhteyshenkilön nimi',
    email: 'sähköpostiosoite',
    postal_address: 'osoite',
    phone: 'puhelinnumero',
    billing_name: 'laskutustiedot (etu- ja sukunimi)',
    last_login: 'viimeisin sisäänkirjautuminen',
    billing_history: 'laskutushistoria',
    marketing_consents: 'markkinointiluvat ja -kiellot',
    data_subject_requests: 'tietosuojaa koskevat pyynnöt',
    portal_credentials: 'asiakasportaalin käyttäjätunnus ja salasanan tiiviste',
    ip_addresses: 'IP-osoitteet',
  },
  en: {
    business_id: 'business ID',
    company_name: 'company name',
    contact_name: 'name of the contact person',
    email: 'e-mail address',
    postal_address: 'postal address',
    phone: 'phone number',
    billing_name: 'billing details (first and last name)',
    last_login: 'last sign-in',
    billing_history: 'billing history',
    marketing_consents: 'marketing consents and objections',
    data_subject_requests: 'data protection requests',
    portal_credentials: 'customer portal user name and password hash',
    ip_addresses: 'IP addresses',
  },
};

export interface IncidentFacts {
  id: string;
  title: string;
  whatHappened: Record<Lang, string>;
  occurredAt: Date;
  discoveredAt: Date;
  dataCategories: IncidentDataCategory[];
  countermeasures: Record<Lang, string> | null;
}

/** The controller's details, as its privacy statement names them (sections 1 and 2). */
export interface ControllerFacts {
  legalName: string;
  contactPerson: string;
  contactEmail: string;
  streetAddress: string;
  postalCode: string;
  city: string;
}

export interface NoticeText {
  subject: string;
  text: string;
}

const TIME_FORMAT: Record<Lang, Intl.DateTimeFormat> = {
  fi: new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', dateStyle: 'long', timeStyle: 'short' }),
};
const ZONE: Record<Lang, string> = { fi: 'Suomen aikaa', en: 'Finnish time' };

/** A time as a reader in Finland reads it, saying which zone it is in. */
export function formatTime(time: Date, lang: Lang): string {
  return `${TIME_FORMAT[lang].format(time)} (${ZONE[lang]})`;
}

export function categoryNames(categories: readonly IncidentDataCategory[], lang: Lang): string[] {
  return INCIDENT_DATA_CATEGORIES.filter((c) => categories.includes(c)).map((c) => CATEGORY_NAMES[lang][c]);
}

/** What a customer should do, by what the breach exposed; always the caution against follow-on fraud. */
export function adviceFor(categories: readonly IncidentDataCategory[], lang: Lang): string[] {
  const has = (...cs: IncidentDataCategory[]) => cs.some((c) => categories.includes(c));
  const advice: Record<Lang, string[]> = { fi: [], en: [] };
  advice.fi.push(
    'Suhtaudu varauksella viesteihin ja puheluihin, joissa vedotaan asiakkuuteesi ja pyydetään henkilö-, pankki- tai kirjautumistietojasi. Emme koskaan kysy salasanaasi sähköpostitse tai puhelimitse.',
  );
  advice.en.push('Be wary of messages and calls that refer to your customer relationship and ask for personal, bank or sign-in details. We never ask for your password by e-mail or phone.');
  if (has('portal_credentials')) {
    advice.fi.push('Vaihda asiakasportaalin salasanasi. Jos olet käyttänyt samaa salasanaa muissa palveluissa, vaihda se myös niissä.');
    advice.en.push('Change your customer portal password. If you have used the same password elsewhere, change it there too.');
  }
  if (has('billing_name', 'billing_history', 'postal_address', 'business_id')) {
    advice.fi.push('Tarkista laskujen ja maksupyyntöjen aitous: jos lasku, viitenumero tai tilinumero poikkeaa tavallisesta, ota yhteyttä meihin ennen maksamista.');
    advice.en.push('Check that invoices and payment requests are genuine: if an invoice, reference number or account number looks unusual, contact us before paying.');
  }
  advice.fi.push('Jos epäilet, että tietojasi on käytetty väärin, ota yhteyttä meihin. Sinulla on myös oikeus tehdä valitus tietosuojavaltuutetun toimistolle (tietosuoja.fi).');
  advice.en.push('If you suspect your data has been misused, contact us. You also have the right to lodge a complaint with the Office of the Data Protection Ombudsman (tietosuoja.fi).');
  return advice[lang];
}

const bullets = (lines: string[]) => lines.map((line) => `- ${line}`).join('\n');

function contact(c: ControllerFacts): string {
  return [c.legalName, c.contactPerson, c.contactEmail, `${c.streetAddress}, ${c.postalCode} ${c.city}`].join('\n');
}

/** The notice to each affected customer (GDPR Art. 34; the statement's section 9 promise). */
export function customerNotice(incident: IncidentFacts, controller: ControllerFacts, lang: Lang): NoticeText {
  if (lang === 'fi') {
    return {
      subject: `Ilmoitus tietoturvaloukkauksesta – ${controller.legalName}`,
      text: [
        'Hyvä asiakas,',
        `kerromme tietoturvaloukkauksesta, joka koskee tietojasi asiakasrekisterissä, jonka rekisterinpitäjä on ${controller.legalName}. Tietosuojaselosteessamme lupaamme ilmoittaa tällaisesta mahdollisimman nopeasti.`,
        `Mitä tapahtui\n${incident.whatHappened.fi}`,
        `Loukkaus tapahtui ${formatTime(incident.occurredAt, 'fi')}, ja se havaittiin ${formatTime(incident.discoveredAt, 'fi')}.`,
        `Mitä tietojasi loukkaus koskee\n${bullets(categoryNames(incident.dataCategories, 'fi'))}`,
        `Mitä sinun kannattaa tehdä\n${bullets(adviceFor(incident.dataCategories, 'fi'))}`,
        'Kerromme myöhemmin, mihin toimenpiteisiin tapahtuneen vuoksi ryhdyttiin.',
        `Lisätietoja antaa\n${contact(controller)}`,
        `Ilmoituksen tunniste: ${incident.id}`,
      ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `Notice of a personal data breach – ${controller.legalName}`,
    text: [
      'Dear customer,',
      `We are writing to tell you about a security breach that concerns your personal data in the customer register kept by ${controller.legalName}. Our privacy statement promises to tell you about such an event as soon as possible.`,
      `What happened\n${incident.whatHappened.en}`,
      `The breach happened on ${formatTime(incident.occurredAt, 'en')} and was discovered on ${formatTime(incident.discoveredAt, 'en')}.`,
      `Which of your data it concerns\n${bullets(categoryNames(incident.dataCategories, 'en'))}`,
      `What you should do\n${bullets(adviceFor(incident.dataCategories, 'en'))}`,
      'We will tell you later what was done in response.',
      `For more information, contact\n${contact(controller)}`,
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}

/** The follow-up to the same customers: what was done. */
export function customerFollowUp(incident: IncidentFacts, controller: ControllerFacts, lang: Lang): NoticeText {
  const done = incident.countermeasures;
  if (!done) throw new Error('A follow-up needs the countermeasures');
  if (lang === 'fi') {
    return {
      subject: `Jatkoilmoitus tietoturvaloukkauksesta – ${controller.legalName}`,
      text: [
        'Hyvä asiakas,',
        `ilmoitimme aiemmin tietoturvaloukkauksesta, joka koski tietojasi asiakasrekisterissä, jonka rekisterinpitäjä on ${controller.legalName} (havaittu ${formatTime(incident.discoveredAt, 'fi')}). Lupasimme kertoa, mitä sen johdosta tehtiin.`,
        `Mitä teimme\n${done.fi}`,
        `Mitä tapahtui\n${incident.whatHappened.fi}`,
        `Lisätietoja antaa\n${contact(controller)}`,
        `Ilmoituksen tunniste: ${incident.id}`,
      ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `Follow-up on a personal data breach – ${controller.legalName}`,
    text: [
      'Dear customer,',
      `We told you earlier about a security breach that concerned your personal data in the customer register kept by ${controller.legalName} (discovered on ${formatTime(incident.discoveredAt, 'en')}). We promised to tell you what was done in response.`,
      `What we did\n${done.en}`,
      `What happened\n${incident.whatHappened.en}`,
      `For more information, contact\n${contact(controller)}`,
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}

/** The notice to the controller (the tenant), whose own duty towards the authority runs from now. */
export function controllerNotice(incident: IncidentFacts, controller: ControllerFacts, lang: Lang, customers: number): NoticeText {
  if (lang === 'fi') {
    return {
      subject: `Henkilötietojen tietoturvaloukkaus: ${incident.title}`,
      text: [
        `Hei ${controller.contactPerson},`,
        `ilmoitamme henkilötietojen tietoturvaloukkauksesta, joka koskee asiakasrekisteriä, jonka rekisterinpitäjä on ${controller.legalName}. Me käsittelemme rekisterin tietoja lukuunne.`,
        `Mitä tapahtui\n${incident.whatHappened.fi}`,
        `Loukkaus tapahtui ${formatTime(incident.occurredAt, 'fi')}, ja se havaittiin ${formatTime(incident.discoveredAt, 'fi')}.`,
        `Tiedot, joita loukkaus koskee\n${bullets(categoryNames(incident.dataCategories, 'fi'))}`,
        `Lähetämme ilmoituksen kaikille ${customers} asiakkaallenne, joiden sähköpostiosoite on rekisterissä, ja myöhemmin jatkoilmoituksen siitä, mitä tehtiin.`,
        'Rekisterinpitäjänä teidän on ilmoitettava loukkauksesta tietosuojavaltuutetun toimistolle ilman aiheetonta viivytystä ja mahdollisuuksien mukaan 72 tunnin kuluessa siitä, kun se tuli tietoonne, ellei siitä todennäköisesti aiheudu riskiä ihmisten oikeuksille ja vapauksille (tietosuoja-asetuksen 33 artikla).',
        `Ilmoituksen tunniste: ${incident.id}`,
      ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `Personal data breach: ${incident.title}`,
    text: [
      `Dear ${controller.contactPerson},`,
      `We are informing you of a personal data breach that concerns the customer register of which ${controller.legalName} is the controller. We process the register's data on your behalf.`,
      `What happened\n${incident.whatHappened.en}`,
      `The breach happened on ${formatTime(incident.occurredAt, 'en')} and was discovered on ${formatTime(incident.discoveredAt, 'en')}.`,
      `Data concerned\n${bullets(categoryNames(incident.dataCategories, 'en'))}`,
      `We are notifying all ${customers} of your customers who have an e-mail address in the register, and will later send them a follow-up on what was done.`,
      'As the controller, you must notify the Office of the Data Protection Ombudsman without undue delay and, where feasible, within 72 hours of becoming aware of the breach, unless it is unlikely to result in a risk to the rights and freedoms of people (GDPR Article 33).',
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}

export function controllerFollowUp(incident: IncidentFacts, controller: ControllerFacts, lang: Lang, customers: number): NoticeText {
  const done = incident.countermeasures;
  if (!done) throw new Error('A follow-up needs the countermeasures');
  if (lang === 'fi') {
    return {
      subject: `Jatkoilmoitus: ${incident.title}`,
      text: [
        `Hei ${controller.contactPerson},`,
        `kerromme, mitä teimme tietoturvaloukkauksen johdosta (havaittu ${formatTime(incident.discoveredAt, 'fi')}), joka koski rekisteriä, jonka rekisterinpitäjä on ${controller.legalName}.`,
        `Mitä teimme\n${done.fi}`,
        `Lähetämme tämän jatkoilmoituksen myös ${customers} asiakkaallenne, joille alkuperäinen ilmoitus lähetettiin.`,
        `Ilmoituksen tunniste: ${incident.id}`,
      ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `Follow-up: ${incident.title}`,
    text: [
      `Dear ${controller.contactPerson},`,
      `This is what was done in response to the personal data breach (discovered on ${formatTime(incident.discoveredAt, 'en')}) that concerned the register of which ${controller.legalName} is the controller.`,
      `What we did\n${done.en}`,
      `We are sending this follow-up also to the ${customers} customers who received the original notice.`,
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}
