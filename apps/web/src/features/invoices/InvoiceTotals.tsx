// Totals per VAT rate and in all, exactly as the API computed them (the browser never rounds VAT itself).
import { useLocale } from '../../app/providers';
import { formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { formatPercent } from './amounts';
import type { Totals } from './queries';
import styles from './invoices.module.css';

export function InvoiceTotals({ totals, busy }: { totals: Totals; busy?: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const money = (cents: number) => formatMoney(cents, locale);
  // On a narrow screen the table scrolls inside its own labelled region rather than widening the page.
  return (
    <>
      <div className={styles.scroll} role="region" aria-label={t('invoices.totals.caption')} tabIndex={0}>
        <table className={styles.totals} aria-busy={busy || undefined}>
          <caption className="visually-hidden">{t('invoices.totals.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invoices.totals.rate')}</th>
              <th scope="col" className={styles.num}>{t('invoices.totals.net')}</th>
              <th scope="col" className={styles.num}>{t('invoices.totals.vat')}</th>
              <th scope="col" className={styles.num}>{t('invoices.totals.gross')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.byRate.map((rate) => (
              <tr key={rate.vatRate}>
                <th scope="row">{formatPercent(rate.vatRate, locale)}</th>
                <td className={styles.num}>{money(rate.netCents)}</td>
                <td className={styles.num}>{money(rate.vatCents)}</td>
                <td className={styles.num}>{money(rate.grossCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('invoices.totals.total')}</th>
              <td className={styles.num}>{money(totals.netCents)}</td>
              <td className={styles.num}>{money(totals.vatCents)}</td>
              <td className={`${styles.num} ${styles.grandTotal}`}>{money(totals.grossCents)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {/* A narrow screen may have to scroll the table sideways: the sum that matters most stays in sight. */}
      <p className={styles.grandLine}>
        {t('invoices.totals.grandLine')} <strong>{money(totals.grossCents)}</strong>
      </p>
    </>
  );
}
