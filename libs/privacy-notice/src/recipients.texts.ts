// How the statement and the record name a recipient: its role and country in Finnish and English.
import { isOutsideEea, type Lang, type Recipient, type RecipientRole } from './register-settings.types';

export const RECIPIENT_ROLE_LABELS: Record<Lang, Record<RecipientRole, string>> = {
  fi: {
    platform_operator: 'rekisterijärjestelmän toimittaja ja ylläpitäjä (henkilötietojen käsittelijä)',
    hosting: 'palvelintilat ja tietokannat (henkilötietojen käsittelijä)',
    email: 'sähköpostien välitys (henkilötietojen käsittelijä)',
    sms: 'tekstiviestien välitys (henkilötietojen käsittelijä)',
    accounting: 'kirjanpito',
    payments: 'maksujen välitys',
    authority: 'viranomainen',
    other: 'muu vastaanottaja',
  },
  en: {
    platform_operator: 'provider and operator of the register system (processor)',
    hosting: 'server premises and databases (processor)',
    email: 'delivery of e-mail (processor)',
    sms: 'delivery of text messages (processor)',
    accounting: 'accounting',
    payments: 'payment services',
    authority: 'public authority',
    other: 'other recipient',
  },
};

const REGIONS: Record<Lang, Intl.DisplayNames> = {
  fi: new Intl.DisplayNames(['fi'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

export function countryName(code: string, lang: Lang): string {
  try {
    return REGIONS[lang].of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "UpCloud Oy (Helsinki): palvelintilat ja tietokannat (henkilötietojen käsittelijä), Suomi". */
export function describeRecipient(r: Recipient, lang: Lang): string {
  const where = countryName(r.country, lang);
  const base = `${r.name}: ${RECIPIENT_ROLE_LABELS[lang][r.role]}, ${where}`;
  if (!isOutsideEea(r.country)) return base;
  const safeguard = r.safeguard?.[lang] ?? '';
  return lang === 'fi' ? `${base} (EU:n ja ETA:n ulkopuolella; suojatoimet: ${safeguard})` : `${base} (outside the EU/EEA; safeguards: ${safeguard})`;
}
