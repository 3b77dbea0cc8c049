// Money and quantities as people type them into the invoice editor ("60,00", "1 234,50", "1,5") and as the
// editor shows them back. The API takes integer cents and quantities of up to three decimals; it decides the
// ranges, this only reads what was typed.
import type { Locale } from '../../i18n/locale';

const TAGS: Record<Locale, string> = { fi: 'fi-FI', en: 'en-GB' };
// Spaces people (and Intl) put between thousands: plain, no-break, narrow no-break, thin; and apostrophes.
const GROUPING = /[\s\u00a0\u202f\u2009']/g;

/**
 * Euros as typed, in cents: "60,00", "60", "1 234,5", "1.234,56", "1,234.56", "-5,00" (a discount), "60 €".
 * A single separator followed by one or two digits is the decimal one, whichever it is; with both, the last
 * one is. "1,234" (three digits after a lone separator) could be either way, so it is refused: null.
 */
export function parseEuros(text: string): number | null {
  let s = text.replace(/€|eur$/i, '').replace(GROUPING, '').replace('\u2212', '-');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  let whole = s;
  let fraction = '';
  if (last >= 0) {
    const after = s.slice(last + 1);
    const before = s.slice(0, last);
    const mixed = /[.,]/.test(before);
    if (after.length > 0 && after.length <= 2) {
      // Separators before the decimal one are thousands, in groups of three.
      if (mixed && !/^\d{1,3}([.,]\d{3})*$/.test(before)) return null;
      whole = before.replace(/[.,]/g, '');
      fraction = after;
    } else {
      return null;
    }
  }
  if (!/^\d*$/.test(whole) || (whole === '' && fraction === '')) return null;
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** A quantity as typed: "1", "1,5", "0.25"; up to three decimals (null otherwise). */
export function parseQuantity(text: string): number | null {
  const s = text.replace(GROUPING, '').replace(',', '.').replace('\u2212', '-');
  if (!/^-?\d+(\.\d{1,3})?$/.test(s)) return null;
  return Number(s);
}

/** Cents as the editor shows them for editing: "60,00" (no thousands separators, no sign of currency). */
export function centsToInput(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}

export function formatQuantity(quantity: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 3 }).format(quantity);
}

export function quantityToInput(quantity: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 3, useGrouping: false }).format(quantity);
}

/** A VAT percent as written: "25,5 %" in Finnish, "25.5%" in English. */
export function formatPercent(percent: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}
