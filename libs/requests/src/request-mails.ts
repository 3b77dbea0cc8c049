// Every mail about a data-subject request, in the tenant's language. To the person: a receipt with the
// deadline, the one-time code that verifies a written request, an extension of the deadline with its reason
// (Art. 12(3)), the decision (done, or refused with its reasons) and for an access request how to fetch the
// export; the owner's decision on a repeat access request (Art. 12(5)). To the tenant's owners and staff: a
// request arrived, a deadline nears or has passed; these carry no personal data, only the type, the dates and
// the link to the request in the console.
import type { MailMessage } from '@app/mail';

export type MailLang = 'fi' | 'en';

export const asMailLang = (language: string): MailLang => (language === 'en' ? 'en' : 'fi');

const TYPE_NAMES: Record<MailLang, Record<string, string>> = {
  fi: {
    access: 'tarkastuspyyntö',
    rectification: 'oikaisupyyntö',
    erasure: 'poistopyyntö',
    restriction: 'käsittelyn rajoittamista koskeva pyyntö',
    objection: 'vastustamisoikeutta koskeva pyyntö',
    objection_legitimate_interest: 'oikeutettuun etuun perustuvan käsittelyn vastustaminen',
  },
  en: {
    access: 'access request',
    rectification: 'rectification request',
    erasure: 'erasure request',
    restriction: 'request to restrict processing',
    objection: 'objection',
    objection_legitimate_interest: 'objection to processing based on legitimate interest',
  },
};

/** The request type as the person would call it, capitalised (e.g. a restriction's reason when the person gave none). */
export function requestTypeName(type: string, lang: MailLang): string {
  const name = TYPE_NAMES[lang][type] ?? type;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const day = (d: Date, lang: MailLang) => d.toLocaleDateString(lang === 'fi' ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'long', year: 'numeric' });
const euros = (cents: number, lang: MailLang) => (cents / 100).toLocaleString(lang === 'fi' ? 'fi-FI' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' €';

interface Ctx {
  to: string;
  lang: MailLang;
  controller: string;
  type: string;
  receivedAt: Date;
}

export function codeMail(c: Ctx & { code: string; verifyUrl: string; validMinutes: number }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const text =
    c.lang === 'fi'
      ? [
          `Hei,`,
          ``,
          `${c.controller} on vastaanottanut sinulta ${day(c.receivedAt, 'fi')} pyynnön (${type}). Varmistamme ennen vastausta, että pyyntö on sinulta (EU:n tietosuoja-asetus 12 artiklan 6 kohta).`,
          ``,
          `Vahvistuskoodisi: ${c.code}`,
          ``,
          `Syötä koodi ja tämä sähköpostiosoite sivulla ${c.verifyUrl}`,
          `Koodi on voimassa ${c.validMinutes} minuuttia ja toimii kerran.`,
          ``,
          `Jos et ole tehnyt pyyntöä, älä tee mitään ja kerro siitä meille vastaamalla tähän viestiin.`,
        ]
      : [
          `Hello,`,
          ``,
          `${c.controller} received your ${type} on ${day(c.receivedAt, 'en')}. Before we answer, we check that the request is yours (GDPR Article 12(6)).`,
          ``,
          `Your verification code: ${c.code}`,
          ``,
          `Enter the code and this e-mail address at ${c.verifyUrl}`,
          `The code is valid for ${c.validMinutes} minutes and works once.`,
          ``,
          `If you did not make this request, do nothing and tell us by replying to this message.`,
        ];
  const subject = c.lang === 'fi' ? `Vahvistuskoodi pyyntöösi: ${c.controller}` : `Verification code for your request: ${c.controller}`;
  return { to: c.to, subject, text: `${text.join('\n')}\n` };
}

export function extensionMail(c: Ctx & { reason: string; dueAt: Date }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const text =
    c.lang === 'fi'
      ? `Hei,\n\n${c.controller} tarvitsee lisäaikaa vastatakseen ${day(c.receivedAt, 'fi')} saapuneeseen pyyntöösi (${type}). Vastaamme viimeistään ${day(c.dueAt, 'fi')} (EU:n tietosuoja-asetus 12 artiklan 3 kohta).\n\nSyy: ${c.reason}\n`
      : `Hello,\n\n${c.controller} needs more time to answer your ${type} received on ${day(c.receivedAt, 'en')}. We will answer by ${day(c.dueAt, 'en')} (GDPR Article 12(3)).\n\nReason: ${c.reason}\n`;
  const subject = c.lang === 'fi' ? `Pyyntösi käsittelyaikaa jatketaan: ${c.controller}` : `More time to answer your request: ${c.controller}`;
  return { to: c.to, subject, text };
}

/** How the person fetches an access export: in the portal, or through a single-use link that expires. */
export type ExportFetch = { portalUrl: string } | { linkUrl: string; expiresAt: Date };

function fetchText(f: ExportFetch, lang: MailLang): string {
  if ('portalUrl' in f) {
    return lang === 'fi'
      ? `Voit ladata tietosi asiakasportaalista (JSON-, CSV- tai HTML-muodossa): ${f.portalUrl}`
      : `You can download your data in the customer portal (as JSON, CSV or HTML): ${f.portalUrl}`;
  }
  return lang === 'fi'
    ? `Voit ladata tietosi tästä linkistä (JSON-, CSV- tai HTML-muodossa): ${f.linkUrl}\nLinkki toimii kerran ja on voimassa ${day(f.expiresAt, 'fi')} asti. Älä välitä tätä viestiä eteenpäin.`
    : `You can download your data from this link (as JSON, CSV or HTML): ${f.linkUrl}\nThe link works once and is valid until ${day(f.expiresAt, 'en')}. Do not forward this message.`;
}

/** The receipt of a request, with the date by which it is answered. */
export function receiptMail(c: Ctx & { dueAt: Date; verified: boolean }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const fi = c.lang === 'fi';
  const text = fi
    ? `Hei,\n\n${c.controller} on vastaanottanut pyyntösi (${type}) ${day(c.receivedAt, 'fi')}. Vastaamme siihen viimeistään ${day(c.dueAt, 'fi')} (EU:n tietosuoja-asetus 12 artiklan 3 kohta).${c.verified ? '' : '\n\nVarmistamme ensin, että pyyntö on sinulta: saat tarvittaessa erillisen viestin.'}\n\nJos et ole tehnyt pyyntöä, kerro siitä meille vastaamalla tähän viestiin.\n\n${c.controller}\n`
    : `Hello,\n\n${c.controller} received your ${type} on ${day(c.receivedAt, 'en')}. We will answer it by ${day(c.dueAt, 'en')} (GDPR Article 12(3)).${c.verified ? '' : '\n\nWe first check that the request is yours: you may get a separate message about that.'}\n\nIf you did not make this request, tell us by replying to this message.\n\n${c.controller}\n`;
  const subject = fi ? `Pyyntösi on vastaanotettu: ${c.controller}` : `We received your request: ${c.controller}`;
  return { to: c.to, subject, text };
}

const DONE: Record<MailLang, Record<string, string>> = {
  fi: {
    access: 'Tietosi ovat valmiina.',
    rectification: 'Olemme oikaisseet tietosi pyyntösi mukaisesti.',
    erasure: 'Tietosi on poistettu rekisteristä. Laskuista säilytetään vain se, mitä kirjanpitolaki vaatii, ja ne poistetaan säilytysajan päätyttyä.',
    restriction: 'Olemme rajoittaneet tietojesi käsittelyä pyyntösi mukaisesti.',
    objection: 'Vastustuksesi tuli voimaan heti: kaikki markkinointisuostumuksesi on peruttu, emmekä lähetä sinulle enää suoramarkkinointia.',
  },
  en: {
    access: 'Your data is ready.',
    rectification: 'We have rectified your data as you asked.',
    erasure: 'Your data has been erased from the register. Of invoices only what accounting law requires is kept, and it is deleted when its keeping time ends.',
    restriction: 'We have restricted the processing of your data as you asked.',
    objection: 'Your objection took effect at once: every marketing consent of yours is withdrawn and we send you no more direct marketing.',
  },
};

/** The request is done: what was done, and for an access request how to fetch the export. */
export function completedMail(c: Ctx & { fetch?: ExportFetch }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const fi = c.lang === 'fi';
  const intro = fi ? `Hei,\n\nolemme käsitelleet ${day(c.receivedAt, 'fi')} saapuneen pyyntösi (${type}).` : `Hello,\n\nwe have handled your ${type} received on ${day(c.receivedAt, 'en')}.`;
  const parts = [intro, DONE[c.lang][c.type] ?? '', c.fetch ? fetchText(c.fetch, c.lang) : '', c.controller].filter(Boolean);
  const subject = fi ? `Pyyntösi on käsitelty: ${c.controller}` : `Your request has been handled: ${c.controller}`;
  return { to: c.to, subject, text: `${parts.join('\n\n')}\n` };
}

/** The request is refused, with the reasons and the person's remedies (Art. 12(4)). */
export function rejectionMail(c: Ctx & { reason: string }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const text =
    c.lang === 'fi'
      ? `Hei,\n\nemme voi toteuttaa ${day(c.receivedAt, 'fi')} saapunutta pyyntöäsi (${type}).\n\nPerustelu: ${c.reason}\n\nVoit tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi) tai hakea muutosta tuomioistuimelta (EU:n tietosuoja-asetus 12 artiklan 4 kohta).\n\n${c.controller}\n`
      : `Hello,\n\nwe cannot act on your ${type} received on ${day(c.receivedAt, 'en')}.\n\nReason: ${c.reason}\n\nYou may complain to the Data Protection Ombudsman (tietosuoja.fi) or seek a judicial remedy (GDPR Article 12(4)).\n\n${c.controller}\n`;
  const subject = c.lang === 'fi' ? `Päätös pyyntöösi: ${c.controller}` : `Decision on your request: ${c.controller}`;
  return { to: c.to, subject, text };
}

/** To an owner or staff member: what needs handling and where. No name, address or free text of the person. */
interface StaffCtx {
  to: string;
  lang: MailLang;
  controller: string;
  type: string;
  dueAt: Date;
  url: string;
}

export function staffArrivalMail(c: StaffCtx & { channel: string; verified: boolean }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const fi = c.lang === 'fi';
  const channel = (fi ? { portal: 'asiakasportaali', email: 'sähköposti', letter: 'kirje', phone: 'puhelin' } : { portal: 'customer portal', email: 'e-mail', letter: 'letter', phone: 'phone' } as Record<string, string>)[c.channel] ?? c.channel;
  const text = fi
    ? `Rekisteriin ${c.controller} on saapunut uusi pyyntö: ${type} (kanava: ${channel}).\n\nMääräaika: ${day(c.dueAt, 'fi')}.${c.verified ? '' : ' Henkilöllisyys on vielä varmistamatta.'}\n\nPyyntö konsolissa: ${c.url}\n`
    : `A new request has arrived in the register of ${c.controller}: ${type} (channel: ${channel}).\n\nDeadline: ${day(c.dueAt, 'en')}.${c.verified ? '' : ' The identity is not yet verified.'}\n\nThe request in the console: ${c.url}\n`;
  const subject = fi ? `Uusi tietopyyntö: ${type}` : `New data-subject request: ${type}`;
  return { to: c.to, subject, text };
}

export function staffDeadlineMail(c: StaffCtx & { event: 'due-soon' | 'overdue' }): MailMessage {
  const type = TYPE_NAMES[c.lang][c.type] ?? c.type;
  const fi = c.lang === 'fi';
  const text =
    c.event === 'due-soon'
      ? fi
        ? `Rekisterin ${c.controller} pyynnön (${type}) määräaika on ${day(c.dueAt, 'fi')}, alle viikon päästä. Pyyntöön on vastattava viimeistään silloin (tai jatkettava määräaikaa perustellusta syystä ennen sitä).\n\nPyyntö konsolissa: ${c.url}\n`
        : `The request (${type}) in the register of ${c.controller} is due on ${day(c.dueAt, 'en')}, within a week. It must be answered by then (or its deadline extended, with a reason, before then).\n\nThe request in the console: ${c.url}\n`
      : fi
        ? `Rekisterin ${c.controller} pyynnön (${type}) määräaika oli ${day(c.dueAt, 'fi')}, eikä pyyntöön ole vastattu. Vastaa siihen nyt.\n\nPyyntö konsolissa: ${c.url}\n`
        : `The request (${type}) in the register of ${c.controller} was due on ${day(c.dueAt, 'en')} and has not been answered. Answer it now.\n\nThe request in the console: ${c.url}\n`;
  const subject =
    c.event === 'due-soon' ? (fi ? `Tietopyynnön määräaika lähestyy: ${type}` : `Request deadline near: ${type}`) : fi ? `Tietopyyntö on myöhässä: ${type}` : `Request overdue: ${type}`;
  return { to: c.to, subject, text };
}

export function repeatDecisionMail(c: Ctx & { decision: 'serve' | 'fee' | 'refuse'; reason: string; fee?: { grossCents: number; number: number | null; dueDate: string | null }; fetch?: ExportFetch }): MailMessage {
  const fi = c.lang === 'fi';
  const intro = fi
    ? `Hei,\n\nolet pyytänyt jäljennöstä tiedoistasi ${day(c.receivedAt, 'fi')}. Olet jo saanut ne maksutta tänä vuonna niin monta kertaa kuin tietosuojaselosteemme lupaa.`
    : `Hello,\n\nyou asked for a copy of your data on ${day(c.receivedAt, 'en')}. You have already had it free of charge as many times this year as our privacy statement promises.`;
  const decision = {
    serve: fi ? 'Toimitamme tiedot silti maksutta.' : 'We will provide the data free of charge all the same.',
    fee: fi
      ? `Toimitamme tiedot kohtuullista, hallinnollisiin kustannuksiin perustuvaa maksua vastaan (EU:n tietosuoja-asetus 15 artiklan 3 kohta): ${euros(c.fee?.grossCents ?? 0, 'fi')}, lasku nro ${c.fee?.number ?? '-'}, eräpäivä ${c.fee?.dueDate ?? '-'}.`
      : `We will provide the data for a reasonable fee based on administrative costs (GDPR Article 15(3)): ${euros(c.fee?.grossCents ?? 0, 'en')}, invoice no. ${c.fee?.number ?? '-'}, due ${c.fee?.dueDate ?? '-'}.`,
    refuse: fi
      ? 'Emme toimita tietoja: pidämme pyyntöä ilmeisen perusteettomana tai kohtuuttomana (EU:n tietosuoja-asetus 12 artiklan 5 kohta). Voit tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi) tai hakea muutosta tuomioistuimelta.'
      : 'We will not provide the data: we consider the request manifestly unfounded or excessive (GDPR Article 12(5)). You may complain to the Data Protection Ombudsman (tietosuoja.fi) or seek a judicial remedy.',
  }[c.decision];
  const reason = fi ? `Perustelu: ${c.reason}` : `Reason: ${c.reason}`;
  const subject = fi ? `Päätös tietopyyntöösi: ${c.controller}` : `Decision on your request: ${c.controller}`;
  const fetch = c.fetch && c.decision !== 'refuse' ? `\n\n${fetchText(c.fetch, c.lang)}` : '';
  return { to: c.to, subject, text: `${intro}\n\n${decision}\n\n${reason}${fetch}\n\n${c.controller}\n` };
}

/** The owner's decision on an objection to processing based on legitimate interest (Art. 21(1)), with its reasons. */
export function objectionDecisionMail(c: Ctx & { decision: 'upheld' | 'rejected'; reason: string }): MailMessage {
  const fi = c.lang === 'fi';
  const intro = fi
    ? `Hei,\n\nolet ${day(c.receivedAt, 'fi')} vastustanut henkilötietojesi käsittelyä, joka perustuu oikeutettuun etuun (EU:n tietosuoja-asetus 21 artiklan 1 kohta).`
    : `Hello,\n\non ${day(c.receivedAt, 'en')} you objected to the processing of your personal data based on legitimate interest (GDPR Article 21(1)).`;
  const decision =
    c.decision === 'upheld'
      ? fi
        ? `Hyväksymme vastustuksesi: lopetamme oikeutettuun etuun perustuvan käsittelyn osaltasi.\n\nMitä tämä tarkoittaa: ${c.reason}`
        : `We uphold your objection: we stop processing based on legitimate interest for you.\n\nWhat this means: ${c.reason}`
      : fi
        ? `Emme voi hyväksyä vastustustasi, koska käsittelyyn on huomattavan tärkeä ja perusteltu syy, joka syrjäyttää etusi (21 artiklan 1 kohta).\n\nPerusteet: ${c.reason}\n\nVoit tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi) tai hakea muutosta tuomioistuimelta.`
        : `We cannot uphold your objection: there are compelling legitimate grounds for the processing which override your interests (Article 21(1)).\n\nThe grounds: ${c.reason}\n\nYou may complain to the Data Protection Ombudsman (tietosuoja.fi) or seek a judicial remedy.`;
  const subject = fi ? `Päätös vastustamisestasi: ${c.controller}` : `Decision on your objection: ${c.controller}`;
  return { to: c.to, subject, text: `${intro}\n\n${decision}\n\n${c.controller}\n` };
}

/** Before a restriction of processing is lifted the person is told (GDPR Art. 18(3)), with the reason. */
export function restrictionLiftedMail(c: { to: string; lang: MailLang; controller: string; since: Date; reason: string }): MailMessage {
  const fi = c.lang === 'fi';
  const text = fi
    ? `Hei,\n\nhenkilötietojesi käsittelyä on ${day(c.since, 'fi')} alkaen rajoitettu pyynnöstäsi (EU:n tietosuoja-asetus 18 artikla). Ilmoitamme, että rajoitus poistetaan, ja tietojasi käsitellään sen jälkeen taas tavalliseen tapaan tietosuojaselosteemme mukaisesti (18 artiklan 3 kohta).\n\nSyy: ${c.reason}\n\nJos olet eri mieltä, vastaa tähän viestiin. Voit myös tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi).\n\n${c.controller}\n`
    : `Hello,\n\nthe processing of your personal data has been restricted at your request since ${day(c.since, 'en')} (GDPR Article 18). We are letting you know that the restriction is being lifted: after that your data will be processed as usual, as our privacy statement describes (Article 18(3)).\n\nReason: ${c.reason}\n\nIf you disagree, reply to this message. You may also complain to the Data Protection Ombudsman (tietosuoja.fi).\n\n${c.controller}\n`;
  const subject = fi ? `Käsittelyn rajoitus poistetaan: ${c.controller}` : `Restriction of processing to be lifted: ${c.controller}`;
  return { to: c.to, subject, text };
}
