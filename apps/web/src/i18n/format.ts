// Dates and money as people of each language write them: 1.12.2026 and 1 234,56 € in Finnish.
import type { Locale } from './locale';

const TAGS: Record<Locale, string> = { fi: 'fi-FI', en: 'en-GB' };

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Integer cents in an ISO currency (the API's money), as text. */
export function formatMoney(cents: number, locale: Locale, currency = 'EUR'): string {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency })));
  return format.format(cents / 100);
}

/** A calendar date (an ISO date or timestamp), in Finnish time: the businesses are in Finland. */
export function formatDate(value: string | Date, locale: Locale): string {
  return dateFormat(locale, 'date').format(typeof value === 'string' ? new Date(value) : value);
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  return dateFormat(locale, 'datetime').format(typeof value === 'string' ? new Date(value) : value);
}

function dateFormat(locale: Locale, kind: 'date' | 'datetime'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const date: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' };
    const time: Intl.DateTimeFormatOptions = kind === 'datetime' ? { hour: '2-digit', minute: '2-digit' } : {};
    dateFormats.set(key, (format = new Intl.DateTimeFormat(TAGS[locale], { ...date, ...time })));
  }
  return format;
}
