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
      subject: noticeSubject('initial', controller, 'fi'),
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
    subject: noticeSubject('initial', controller, 'en'),
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

/** The notice to the controller (the tenant), whose own duty towards the authority runs from now. */
export function controllerNotice(incident: IncidentFacts, controller: ControllerFacts, lang: Lang): NoticeText {
  if (lang === 'fi') {
    return {
      subject: `Henkilötietojen tietoturvaloukkaus: ${incident.title}`,
      text: [
        `Hei ${controller.contactPerson},`,
        `ilmoitamme henkilötietojen tietoturvaloukkauksesta, joka koskee asiakasrekisteriä, jonka rekisterinpitäjä on ${controller.legalName}. Me käsittelemme rekisterin tietoja lukuunne.`,
        `Mitä tapahtui\n${incident.whatHappened.fi}`,
        `Loukkaus tapahtui ${formatTime(incident.occurredAt, 'fi')}, ja se havaittiin ${formatTime(incident.discoveredAt, 'fi')}.`,
        `Tiedot, joita loukkaus koskee\n${bullets(categoryNames(incident.dataCategories, 'fi'))}`,
        'Laadimme ilmoituksen asiakkaillenne, joita loukkaus koskee. Se lähetetään vasta, kun olette hyväksyneet sen tekstin ja vastaanottajat konsolissa (Valvonta › Tietoturvaloukkaukset). Samoin hyväksytte jokaisen jatkoilmoituksen.',
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
      'We will draft a notice to those of your customers the breach concerns. It is sent only once you have approved its text and recipients in the console (Oversight › Incidents), and so is every follow-up.',
      'As the controller, you must notify the Office of the Data Protection Ombudsman without undue delay and, where feasible, within 72 hours of becoming aware of the breach, unless it is unlikely to result in a risk to the rights and freedoms of people (GDPR Article 33).',
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}

/** The subject of a notice to customers; its body is the text the owner approved. */
export function noticeSubject(kind: 'initial' | 'follow_up', controller: ControllerFacts, lang: Lang): string {
  if (lang === 'fi') return kind === 'initial' ? `Ilmoitus tietoturvaloukkauksesta – ${controller.legalName}` : `Jatkoilmoitus tietoturvaloukkauksesta – ${controller.legalName}`;
  return kind === 'initial' ? `Notice of a personal data breach – ${controller.legalName}` : `Follow-up on a personal data breach – ${controller.legalName}`;
}

/** Tells the owner a notice to their customers awaits their approval, and by when. */
export function approvalRequest(incident: Pick<IncidentFacts, 'id' | 'title'>, controller: ControllerFacts, lang: Lang, recipients: number, dueAt: Date): NoticeText {
  if (lang === 'fi') {
    return {
      subject: `Hyväksyttävänä: ilmoitus asiakkaillenne tietoturvaloukkauksesta – ${incident.title}`,
      text: [
        `Hei ${controller.contactPerson},`,
        `olemme laatineet ilmoituksen tietoturvaloukkauksesta ${recipients} asiakkaallenne rekisterissä, jonka rekisterinpitäjä on ${controller.legalName}.`,
        `Tarkista ilmoituksen teksti ja vastaanottajat ja hyväksy tai hylkää se konsolissa (Valvonta › Tietoturvaloukkaukset) viimeistään ${formatTime(dueAt, 'fi')}.`,
        'Jos ette vastaa määräaikaan mennessä, alustan ylläpitäjä voi lähettää ilmoituksen ilman hyväksyntäänne, jotta asiakkaanne saavat tiedon ilman aiheetonta viivytystä (tietosuoja-asetuksen 34 artikla). Perustelu kirjataan, ja näette sen konsolissa.',
        `Ilmoituksen tunniste: ${incident.id}`,
      ].join('\n\n') + '\n',
    };
  }
  return {
    subject: `For your approval: a breach notice to your customers – ${incident.title}`,
    text: [
      `Dear ${controller.contactPerson},`,
      `We have drafted a notice of a personal data breach to ${recipients} of your customers in the register of which ${controller.legalName} is the controller.`,
      `Please check its text and recipients and approve or reject it in the console (Oversight › Incidents) by ${formatTime(dueAt, 'en')}.`,
      'If you do not answer by then, a platform administrator may send the notice without your approval, so that your customers are told without undue delay (GDPR Article 34). The justification is recorded and shown to you in the console.',
      `Reference: ${incident.id}`,
    ].join('\n\n') + '\n',
  };
}
