// The wording of the privacy statement in Finnish and English. Sections 1-5 and 7-12 follow the reference
// statement (WellnessRoom Espoo's rekisteriseloste); section 6 (legal bases) and the rights to withdraw
// consent and to complain to the supervisory authority are what GDPR Art. 13 adds. Every number comes
// from the register settings or the configuration the system runs with, never from this file.
import type { NoticeBlock, SectionKey } from './privacy-notice.document';
import { describeRecipient } from './recipients.texts';
import type { ControllerDetails, DataCategory, Lang, MarketingChannel, RegisterSettingsSnapshot, RequestContact } from './register-settings.types';

/** Behaviour of the running system that the statement describes (session lifetimes from the configuration). */
export interface SystemFacts {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long the platform keeps the IP access log at all: a tenant's shorter setting applies within it. */
  accessLogRetentionDays: number;
}

export interface NoticeContext {
  controller: ControllerDetails;
  settings: RegisterSettingsSnapshot;
  system: SystemFacts;
  registerName: string;
  contact: RequestContact;
  ipLogRetentionDays: number;
  lang: Lang;
}

interface NoticeTexts {
  title(registerName: string): string;
  subtitle: string;
  versionLine(version: number, updatedAt: Date): string;
  headings: Record<SectionKey, string>;
  sections: Record<SectionKey, (ctx: NoticeContext) => NoticeBlock[]>;
}

const p = (text: string): NoticeBlock => ({ kind: 'paragraph', text });
const list = (items: string[]): NoticeBlock => ({ kind: 'list', items });
const facts = (items: [string, string][]): NoticeBlock => ({ kind: 'facts', items: items.map(([label, value]) => ({ label, value })) });
const day = (d: Date) => d.toISOString().slice(0, 10);
const address = (c: ControllerDetails) => `${c.streetAddress}, ${c.postalCode} ${c.city}`;

export const DATA_CATEGORY_LABELS: Record<Lang, Record<DataCategory, string>> = {
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
    marketing_consents: 'markkinointiluvat ja -kiellot sekä niiden muutoshistoria',
    data_subject_requests: 'tietosuojaa koskevat pyynnöt ja niiden käsittely',
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
    marketing_consents: 'marketing consents and objections, with their history',
    data_subject_requests: 'data protection requests and how they were handled',
  },
};

const CHANNELS: Record<Lang, Record<MarketingChannel, string>> = {
  fi: { email: 'sähköpostitse', sms: 'tekstiviestillä' },
  en: { email: 'by e-mail', sms: 'by text message (SMS)' },
};

function joinWords(words: string[], and: string): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`;
}

const SUPERVISORY_AUTHORITY = 'Tietosuojavaltuutetun toimisto, tietosuoja.fi';

const fi: NoticeTexts = {
  title: (name) => `Tietosuojaseloste: ${name}`,
  subtitle: 'Rekisteriseloste ja EU:n yleisen tietosuoja-asetuksen (EU) 2016/679 13 artiklan mukaiset tiedot rekisteröidylle',
  versionLine: (version, updatedAt) => `Versio ${version}, päivitetty ${day(updatedAt)}`,
  headings: {
    controller: 'Rekisterinpitäjä',
    contact: 'Rekisterin yhteyshenkilö',
    'register-name': 'Rekisterin nimi',
    purposes: 'Rekisterin käyttötarkoitus ja tietolähteet',
    'data-content': 'Rekisterin tietosisältö',
    'legal-bases': 'Henkilötietojen käsittelyn oikeusperusteet',
    disclosures: 'Tietojen luovuttaminen säännönmukaisesti ja siirretäänkö tietoja EU:n tai Euroopan talousalueen ulkopuolelle',
    retention: 'Tietojen säilytys',
    security: 'Tietojen suojaus',
    rights: 'Tarkastus- ja kielto-oikeus sekä muut rekisteröidyn oikeudet',
    cookies: 'Evästeet ja seuranta',
    'ip-addresses': 'IP-tiedot',
  },
  sections: {
    controller: ({ controller: c }) => [
      facts([
        ['Nimi', c.legalName],
        ['Y-tunnus', c.businessId],
        ['Osoite', address(c)],
        ['Sähköpostiosoite', c.contactEmail],
      ]),
    ],
    contact: ({ contact }) => [
      facts([
        ['Nimi', contact.name],
        ['Sähköpostiosoite', contact.email],
      ]),
      p('Rekisteriä koskevat kysymykset ja pyynnöt osoitetaan rekisterin yhteyshenkilölle.'),
    ],
    'register-name': ({ registerName }) => [p(registerName)],
    purposes: ({ settings: s, controller: c, contact }) => [
      p(s.purposes.fi),
      p(s.dataSources.fi),
      s.marketingChannels.length === 0
        ? p('Rekisterin tietoja ei käytetä markkinointiin, eikä asiakkaalle lähetetä markkinointiviestejä.')
        : p(
            `${c.legalName} voi lähettää asiakkaalle markkinointi- ja muita tiedotusviestejä ${joinWords(s.marketingChannels.map((ch) => CHANNELS.fi[ch]), 'tai')} vain, ` +
              'mikäli asiakas on sen erikseen sallinut. Asiakas voi kieltäytyä näistä viesteistä ja perua antamansa luvan milloin tahansa ' +
              `ilmoittamalla siitä sähköpostitse osoitteeseen ${contact.email}, asiakasportaalissa tai viestissä olevalla peruutuslinkillä.`,
          ),
    ...(s.marketingChannels.length === 0
      ? []
      : [
          p(
            'Suostumuksesta tallennetaan sen sanamuoto, ajankohta, tapa (asiakasportaali, kirjallinen pyyntö, varaus tai tuonti), sen kirjannut henkilö ja tämän selosteen silloinen versio. ' +
              'Jos rekisterin käyttötarkoitukset muuttuvat, suostumus pyydetään uudelleen, eikä aiempaa suostumusta käytetä ennen sitä. ' +
              'Suoramarkkinoinnin vastustamisen jälkeen markkinointia lähetetään vain, jos asiakas antaa itse uuden suostumuksen.',
          ),
        ]),
    ],
    'data-content': ({ settings: s }) => [
      p('Rekisteriin talletetaan tai voidaan tallettaa seuraavat tiedot:'),
      list(s.dataCategories.map((category) => DATA_CATEGORY_LABELS.fi[category])),
      p('Lisäksi järjestelmä tallentaa IP-osoitteita kohdassa 12 kuvatulla tavalla.'),
    ],
    'legal-bases': ({ settings: s }) => [
      facts([
        ['Asiakassuhteen hoitaminen ja laskutus', 'sopimus: käsittely on tarpeen asiakkaan kanssa tehdyn sopimuksen täytäntöön panemiseksi (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta)'],
        ['Laskujen ja muun kirjanpitoaineiston säilyttäminen', 'lakisääteinen velvoite: kirjanpitolaki (1336/1997) (6 artiklan 1 kohdan c alakohta)'],
        ...(s.marketingChannels.length > 0
          ? ([['Markkinointi- ja tiedotusviestit', 'suostumus (6 artiklan 1 kohdan a alakohta); suostumuksen voi perua milloin tahansa']] as [string, string][])
          : []),
        ['IP-osoitteiden lokitus (kohta 12)', 'oikeutettu etu: palvelun ja tietojen suojaaminen sekä virheiden selvittäminen (6 artiklan 1 kohdan f alakohta)'],
      ]),
      p(
        'Asiakassuhteen ja laskutuksen edellyttämien tietojen antaminen on sopimuksen edellytys: ilman niitä emme voi palvella tai laskuttaa asiakasta. ' +
          'Markkinointilupa on vapaaehtoinen, eikä sen antamatta jättäminen vaikuta palveluun.',
      ),
      p('Tietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin.'),
    ],
    disclosures: ({ settings: s }) => [
      p(s.disclosures.fi),
      ...(s.recipients.length
        ? [p('Tietoja käsittelevät rekisterinpitäjän lukuun seuraavat vastaanottajat ja henkilötietojen käsittelijät:'), list(s.recipients.map((r) => describeRecipient(r, 'fi')))]
        : []),
      s.transfersOutsideEea
        ? p(`Tietoja voidaan siirtää EU:n tai Euroopan talousalueen ulkopuolelle. Siirroissa käytetään seuraavia suojatoimia: ${s.transferSafeguards?.fi ?? ''}`)
        : p('Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.'),
    ],
    retention: ({ settings: s }) => [
      p('Tietoja säilytetään asiakassuhteen jatkumisen ajan tai niin pitkään kuin laki sitä edellyttää. Tietojen säilytyksessä on huomioitu sitä koskevat lait ja asetukset.'),
      p(`Kun asiakassuhde on päättynyt, asiakkaan tiedot otetaan tarkistettaviksi ${s.customerReviewAfterMonths} kuukauden kuluttua, ja tiedot, joita ei enää tarvita, poistetaan.`),
      p(
        `Laskut ovat kirjanpitoaineistoa: ne säilytetään ${s.invoiceRetentionYears} vuoden ajan sen tilikauden päättymisestä, jonka aikana lasku on laadittu, ` +
          'kuten kirjanpitolaki edellyttää, ja poistetaan sen jälkeen.',
      ),
      p(
        'Tiedot voidaan vaatia poistettavaksi, mikäli asiakkaalla ei ole laskuja maksamatta, laki sen sallii ja asiakas niin pyytää kirjallisesti. ' +
          'Tällöinkin laskut säilytetään edellä mainitun ajan; muut tiedot poistetaan.',
      ),
    ],
    security: ({ settings: s }) => [
      p(s.securityMeasures.fi),
      p(
        'Salasanoja ei tallenneta selkokielisinä: niistä tallennetaan vain argon2id-menetelmällä laskettu tiiviste. ' +
          'Rekisterin tiedot pidetään tietokannassa erillään muiden palvelua käyttävien yritysten tiedoista, ja tietojen säilyvyys varmistetaan automaattisin varmuuskopioin.',
      ),
      p(
        'Jos käyttämiimme järjestelmiin murtaudutaan niin, että se vaikuttaa sinuun, ilmoitamme siitä sinulle mahdollisimman nopeasti ja kerromme myöhemmin, ' +
          'mitä vastatoimenpiteitä teimme. Ilmoitamme tietoturvaloukkauksista myös tietosuojavaltuutetulle lain edellyttämällä tavalla.',
      ),
      p('Asiakkaan on pidettävä oma käyttäjätunnuksensa ja salasanansa salassa kolmansilta osapuolilta, mikäli asiakkaalla on sellaiset.'),
    ],
    rights: ({ settings: s, contact }) => [
      p('Sinulla on seuraavat oikeudet:'),
      list([
        `oikeus tarkastaa itseäsi koskevat tiedot ja saada niistä jäljennös; saat jäljennöksen kaikista sinusta tallennetuista tiedoista maksutta ${timesFi(s.accessRequestsPerYear)} vuodessa; sitä useammista voimme periä kohtuullisen, hallinnollisiin kustannuksiin perustuvan maksun tai kieltäytyä ilmeisen perusteettomasta tai kohtuuttomasta pyynnöstä, ja kerromme syyn kirjallisesti`,
        'oikeus vaatia virheellisen tiedon oikaisua',
        'oikeus vaatia tietojesi poistamista kohdassa 8 kerrotuin edellytyksin',
        'oikeus pyytää tietojesi käsittelyn rajoittamista',
        'oikeus kieltää antamiesi tietojen käyttö suoramarkkinointiin; kielto koskee kaikkia markkinointiviestejä',
        'oikeus vastustaa oikeutettuun etuun perustuvaa käsittelyä (kohta 6) henkilökohtaiseen erityiseen tilanteeseesi liittyvällä perusteella',
        'oikeus saada itse antamasi tiedot jäsennellyssä, yleisesti käytetyssä ja koneellisesti luettavassa muodossa (JSON tai CSV) ja siirtää ne toiselle rekisterinpitäjälle (siirto-oikeus)',
        'oikeus peruuttaa antamasi suostumus milloin tahansa; peruutus ei vaikuta ennen sitä tapahtuneen käsittelyn lainmukaisuuteen',
        `oikeus tehdä valitus valvontaviranomaiselle: Suomessa se on tietosuojavaltuutettu (${SUPERVISORY_AUTHORITY}); voit tehdä valituksen myös siinä EU-maassa, jossa asut tai työskentelet`,
      ]),
      p(
        `Pyynnöt on osoitettava kirjallisesti kohdassa 2 määritellylle rekisterin yhteyshenkilölle (${contact.email}); asiakasportaalin käyttäjä voi tehdä pyynnön myös portaalissa. ` +
          'Varmistamme pyytäjän henkilöllisyyden ennen kuin luovutamme tai muutamme tietoja: portaalissa kirjautumisella, muuten rekisterissä olevaan sähköpostiosoitteeseen lähetettävällä kertakäyttöisellä koodilla tai tarkistamalla henkilöllisyyden rekisterin tietoja vastaan. Vastaamme viimeistään kuukauden kuluessa pyynnön saapumisesta; ' +
          'jos pyyntö on laaja tai monimutkainen, aikaa voidaan jatkaa enintään kahdella kuukaudella, ja kerromme siitä sinulle.',
      ),
    ],
    cookies: ({ settings: s, system }) => [
      p(
        'Käytämme järjestelmässä vain yhtä evästettä: istuntoevästettä, jonka avulla järjestelmä tunnistaa kirjautuneen käyttäjän turvallisen istunnon (session) ajan. ' +
          `Eväste sisältää vain satunnaisen istuntotunnisteen. Se poistuu uloskirjautuessa ja vanhenee, kun palvelua ei ole käytetty ${system.sessionIdleMinutes} minuuttiin, ` +
          `ja viimeistään ${system.sessionAbsoluteHours} tunnin kuluttua kirjautumisesta. Evästettä ei käytetä seurantaan eikä mainontaan. Ilman evästettä palveluun kirjautuminen ei onnistu.`,
      ),
      p(s.cookies.fi),
    ],
    'ip-addresses': ({ ipLogRetentionDays }) => [
      p('Järjestelmässä vierailevien käyttäjien IP-osoitteet tallentuvat niille varattuun lokiin. Lokia käytetään mahdollisiin virheselvityksiin ja tietoturvan ylläpitoon.'),
      p(`IP-osoitteita säilytetään ${ipLogRetentionDays} päivän ajan, minkä jälkeen ne poistetaan.`),
      p(
        'Lokiin on pääsy vain rekisterinpitoon käytettävän järjestelmän ylläpitäjän henkilöstöstä ennalta määrätyillä henkilöillä. ' +
          'Jokainen lokin tarkastelu perustellaan ja kirjataan, ja rekisterinpitäjä näkee, milloin sen liikennettä on tarkasteltu.',
      ),
    ],
  },
};

const en: NoticeTexts = {
  title: (name) => `Privacy notice: ${name}`,
  subtitle: 'Description of the register and the information to the data subject under Article 13 of the EU General Data Protection Regulation (EU) 2016/679',
  versionLine: (version, updatedAt) => `Version ${version}, updated ${day(updatedAt)}`,
  headings: {
    controller: 'Controller',
    contact: 'Contact person for the register',
    'register-name': 'Name of the register',
    purposes: 'Purposes of the register and sources of data',
    'data-content': 'Data content of the register',
    'legal-bases': 'Legal bases of processing',
    disclosures: 'Regular disclosures of data and transfers outside the EU or the European Economic Area',
    retention: 'Retention of data',
    security: 'Security of data',
    rights: 'Right of access and right to object, and your other rights',
    cookies: 'Cookies and tracking',
    'ip-addresses': 'IP addresses',
  },
  sections: {
    controller: ({ controller: c }) => [
      facts([
        ['Name', c.legalName],
        ['Business ID', c.businessId],
        ['Address', address(c)],
        ['E-mail', c.contactEmail],
      ]),
    ],
    contact: ({ contact }) => [
      facts([
        ['Name', contact.name],
        ['E-mail', contact.email],
      ]),
      p('Questions and requests about the register are addressed to its contact person.'),
    ],
    'register-name': ({ registerName }) => [p(registerName)],
    purposes: ({ settings: s, controller: c, contact }) => [
      p(s.purposes.en),
      p(s.dataSources.en),
      s.marketingChannels.length === 0
        ? p('The data in the register is not used for marketing, and no marketing messages are sent to customers.')
        : p(
            `${c.legalName} may send marketing and other messages to a customer ${joinWords(s.marketingChannels.map((ch) => CHANNELS.en[ch]), 'or')} only if the customer has ` +
              'separately allowed it. The customer can refuse these messages and withdraw the permission at any time by e-mail to ' +
              `${contact.email}, in the customer portal, or with the unsubscribe link in each message.`,
          ),
    ...(s.marketingChannels.length === 0
      ? []
      : [
          p(
            'With each consent we keep its wording, when and how it was given (customer portal, written request, booking or import), who recorded it and the version of this statement then in force. ' +
              'If the purposes of the register change, consent is asked again, and an earlier consent is not used until then. ' +
              'After an objection to direct marketing, marketing is sent only if the customer gives a new consent themselves.',
          ),
        ]),
    ],
    'data-content': ({ settings: s }) => [
      p('The following data is or may be stored in the register:'),
      list(s.dataCategories.map((category) => DATA_CATEGORY_LABELS.en[category])),
      p('In addition, the system records IP addresses as described in section 12.'),
    ],
    'legal-bases': ({ settings: s }) => [
      facts([
        ['Managing the customer relationship and billing', 'contract: the processing is necessary for the performance of the contract with the customer (GDPR Article 6(1)(b))'],
        ['Keeping invoices and other accounting records', 'legal obligation: the Finnish Accounting Act (1336/1997) (Article 6(1)(c))'],
        ...(s.marketingChannels.length > 0 ? ([['Marketing and other messages', 'consent (Article 6(1)(a)); consent can be withdrawn at any time']] as [string, string][]) : []),
        ['Logging of IP addresses (section 12)', 'legitimate interest: protecting the service and the data and investigating faults (Article 6(1)(f))'],
      ]),
      p(
        'Providing the data that the customer relationship and billing need is a requirement of the contract: without it we cannot serve or bill the customer. ' +
          'Consent to marketing is voluntary, and not giving it does not affect the service.',
      ),
      p('The data is not used for automated decision-making or profiling.'),
    ],
    disclosures: ({ settings: s }) => [
      p(s.disclosures.en),
      ...(s.recipients.length
        ? [p('These recipients and processors handle the data on behalf of the controller:'), list(s.recipients.map((r) => describeRecipient(r, 'en')))]
        : []),
      s.transfersOutsideEea
        ? p(`Data may be transferred outside the EU or the European Economic Area. These safeguards apply to the transfers: ${s.transferSafeguards?.en ?? ''}`)
        : p('The data is not transferred outside the EU or the European Economic Area.'),
    ],
    retention: ({ settings: s }) => [
      p('The data is kept for as long as the customer relationship lasts, or for as long as the law requires. Retention follows the laws and regulations that apply to it.'),
      p(`When the customer relationship has ended, the customer's data is reviewed ${plural(s.customerReviewAfterMonths, 'month')} later, and data that is no longer needed is deleted.`),
      p(
        `Invoices are accounting records: they are kept for ${plural(s.invoiceRetentionYears, 'year')} from the end of the financial year in which the invoice was made, ` +
          'as the Finnish Accounting Act requires, and deleted after that.',
      ),
      p('Erasure of the data can be requested if the customer has no unpaid invoices, the law allows it and the customer asks for it in writing. Even then, invoices are kept for the period above; the other data is erased.'),
    ],
    security: ({ settings: s }) => [
      p(s.securityMeasures.en),
      p(
        'Passwords are never stored in plain text: only a hash computed with argon2id is stored. ' +
          "The register's data is kept apart in the database from the data of the other businesses using the service, and automatic backups keep the data safe from loss.",
      ),
      p(
        'If the systems we use are broken into in a way that affects you, we will tell you as soon as possible, and later tell you what we did about it. ' +
          'We also report personal data breaches to the Data Protection Ombudsman as the law requires.',
      ),
      p('Customers must keep their own user name and password secret from third parties, if they have them.'),
    ],
    rights: ({ settings: s, contact }) => [
      p('You have the following rights:'),
      list([
        `the right of access to the data about you and to a copy of it; you get a copy of all data stored about you free of charge ${timesEn(s.accessRequestsPerYear)} a year; for further copies we may charge a reasonable fee based on administrative costs, or refuse a manifestly unfounded or excessive request, and we tell you the reason in writing`,
        'the right to have inaccurate data rectified',
        'the right to have your data erased on the conditions given in section 8',
        'the right to ask for the processing of your data to be restricted',
        'the right to object to the use of your data for direct marketing; the objection covers all marketing messages',
        'the right to object, on grounds relating to your particular situation, to processing based on legitimate interest (section 6)',
        'the right to receive the data you have provided in a structured, commonly used and machine-readable format (JSON or CSV) and to transmit it to another controller (data portability)',
        'the right to withdraw your consent at any time; withdrawing it does not affect the lawfulness of the processing before the withdrawal',
        `the right to lodge a complaint with a supervisory authority: in Finland, the Data Protection Ombudsman (${SUPERVISORY_AUTHORITY}); you may also complain in the EU country where you live or work`,
      ]),
      p(
        `Requests are made in writing to the contact person of the register named in section 2 (${contact.email}); users of the customer portal can also make them in the portal. ` +
          'We verify the identity of the person asking before we disclose or change any data: in the portal by signing in, otherwise by a one-time code sent to the e-mail address in the register or by checking the identity against the register. We answer within one month of receiving the request; ' +
          'if the request is extensive or complex, this can be extended by at most two further months, and we will tell you if it is.',
      ),
    ],
    cookies: ({ settings: s, system }) => [
      p(
        'The system uses a single cookie: a session cookie, with which it recognises a signed-in user for the duration of a secure session. ' +
          `The cookie holds only a random session identifier. It is removed when you sign out, expires after ${plural(system.sessionIdleMinutes, 'minute')} without use, ` +
          `and at the latest ${plural(system.sessionAbsoluteHours, 'hour')} after signing in. It is not used for tracking or advertising. Signing in is not possible without it.`,
      ),
      p(s.cookies.en),
    ],
    'ip-addresses': ({ ipLogRetentionDays }) => [
      p('The IP addresses of users visiting the system are recorded in a log reserved for them. The log is used to investigate faults and to maintain information security.'),
      p(`IP addresses are kept for ${plural(ipLogRetentionDays, 'day')} and then deleted.`),
      p(
        "Only persons designated in advance among the staff of the system's operator have access to the log. " +
          'Every look at the log is justified and recorded, and the controller can see when its traffic has been looked at.',
      ),
    ],
  },
};

/** "1 kerran", "2 kertaa": the reference statement's "korkeintaan 1 kerran vuodessa". */
export function timesFi(n: number): string {
  return n === 1 ? '1 kerran' : `${n} kertaa`;
}

export function timesEn(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export const NOTICE_TEXTS: Record<Lang, NoticeTexts> = { fi, en };
