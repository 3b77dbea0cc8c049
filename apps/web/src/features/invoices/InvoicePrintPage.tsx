// /t/:tenant/invoices/:id/print: an issued invoice or credit note as a document for A4 paper (or a PDF): seller
// and buyer as issued, number, dates, lines, VAT per rate, totals, and the reference number in both forms.
// On screen a toolbar offers printing; print CSS leaves only the document.
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { formatPercent, formatQuantity } from './amounts';
import { type Invoice, useInvoice } from './queries';
import { groupReference, groupRf } from './reference';
import styles from './print.module.css';

export function InvoicePrintPage() {
  const t = useT();
  const { tenant, id } = useParams() as { tenant: string; id: string };
  const invoice = useInvoice(tenant, id);

  if (invoice.isPending) return <Loading label={t('invoices.loading')} />;
  if (invoice.error) {
    const missing = invoice.error instanceof ApiError && invoice.error.kind === 'not-found';
    return (
      <>
        <PageHeader title={t(missing ? 'invoices.notFound' : 'invoices.title.generic')} />
        <ErrorState error={invoice.error} onRetry={() => void invoice.refetch()} />
      </>
    );
  }
  const inv = invoice.data;
  return (
    <>
      <div className={styles.toolbar}>
        <Link href={paths.invoice(tenant, inv.id)}>← {t('invoices.print.back')}</Link>
        {inv.status !== 'draft' && (
          <Button variant="primary" onPress={() => window.print()}>
            {t('invoices.print.print')}
          </Button>
        )}
      </div>
      {inv.status === 'draft' ? (
        <>
          <PageHeader title={t('invoices.title.draft')} />
          <Notice tone="info">{t('invoices.print.draft')}</Notice>
        </>
      ) : (
        <InvoiceDocument invoice={inv} />
      )}
    </>
  );
}

function InvoiceDocument({ invoice }: { invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  const money = (cents: number) => formatMoney(cents, locale);
  const date = (value: string | null) => (value ? formatDate(value, locale) : '—');
  const note = invoice.kind === 'credit_note';
  const seller = invoice.seller;
  const buyer = invoice.buyer;
  return (
    <article className={styles.paper} aria-labelledby="document-title">
      <header className={styles.head}>
        <div className={styles.seller}>
          {seller && (
            <>
              <p className={styles.sellerName}>{seller.name}</p>
              <p>
                {seller.streetAddress}
                <br />
                {[seller.postalCode, seller.city].filter(Boolean).join(' ')}
              </p>
              {seller.businessId && <p>{t('invoices.businessId', { id: seller.businessId })}</p>}
            </>
          )}
        </div>
        <div className={styles.titleBlock}>
          <h1 id="document-title" className={styles.title} tabIndex={-1} data-page-title>
            {t(note ? 'invoices.print.creditNoteTitle' : 'invoices.print.invoiceTitle')}
          </h1>
          <dl className={styles.facts}>
            <dt>{t(note ? 'invoices.print.creditNoteNumber' : 'invoices.print.number')}</dt>
            <dd>{invoice.number}</dd>
            <dt>{t('invoices.field.issueDate')}</dt>
            <dd>{date(invoice.issueDate)}</dd>
            {note ? (
              <>
                <dt>{t('invoices.print.credits')}</dt>
                <dd>{invoice.creditedInvoiceNumber}</dd>
              </>
            ) : (
              <>
                <dt>{t('invoices.field.dueDate')}</dt>
                <dd>{date(invoice.dueDate)}</dd>
                <dt>{t('invoices.print.terms')}</dt>
                <dd>{t('invoices.print.termsValue', { days: invoice.paymentTermDays })}</dd>
                <dt>{t('invoices.field.referenceNumber')}</dt>
                <dd>{invoice.referenceNumber && groupReference(invoice.referenceNumber)}</dd>
              </>
            )}
          </dl>
        </div>
      </header>

      {buyer && (
        <section className={styles.buyer} aria-labelledby="document-buyer">
          <h2 id="document-buyer" className={styles.label}>
            {t('invoices.print.buyer')}
          </h2>
          <address>
            <strong>{buyer.name}</strong>
            {buyer.businessId && <span>{t('invoices.businessId', { id: buyer.businessId })}</span>}
            {buyer.streetAddress && <span>{buyer.streetAddress}</span>}
            <span>{[buyer.postalCode, buyer.city].filter(Boolean).join(' ')}</span>
            {buyer.country && buyer.country !== 'FI' && <span>{buyer.country}</span>}
          </address>
        </section>
      )}

      <div className={styles.scroll} role="region" aria-label={t('invoices.lines.title')} tabIndex={0}>
        <table className={styles.table}>
          <caption className="visually-hidden">{t('invoices.lines.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invoices.field.description')}</th>
              <th scope="col" className={styles.num}>{t('invoices.column.quantity')}</th>
              <th scope="col" className={styles.num}>{t('invoices.column.unitPrice')}</th>
              <th scope="col" className={styles.num}>{t('invoices.column.vatRate')}</th>
              <th scope="col" className={styles.num}>{t('invoices.column.net')}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => (
              <tr key={index}>
                <td>{line.description}</td>
                <td className={styles.num}>{formatQuantity(line.quantity, locale)}</td>
                <td className={styles.num}>{money(line.unitPriceCents)}</td>
                <td className={styles.num}>{formatPercent(line.vatRate, locale)}</td>
                <td className={styles.num}>{money(line.netCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className={styles.summary}>
        <div className={styles.scroll} role="region" aria-label={t('invoices.totals.caption')} tabIndex={0}>
          <table className={`${styles.table} ${styles.vat}`}>
            <caption className={styles.caption}>{t('invoices.totals.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.totals.rate')}</th>
                <th scope="col" className={styles.num}>{t('invoices.totals.net')}</th>
                <th scope="col" className={styles.num}>{t('invoices.totals.vat')}</th>
                <th scope="col" className={styles.num}>{t('invoices.totals.gross')}</th>
              </tr>
            </thead>
            <tbody>
              {invoice.totals.byRate.map((rate) => (
                <tr key={rate.vatRate}>
                  <th scope="row">{formatPercent(rate.vatRate, locale)}</th>
                  <td className={styles.num}>{money(rate.netCents)}</td>
                  <td className={styles.num}>{money(rate.vatCents)}</td>
                  <td className={styles.num}>{money(rate.grossCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className={styles.totals}>
          <dt>{t('invoices.print.netTotal')}</dt>
          <dd>{money(invoice.totals.netCents)}</dd>
          <dt>{t('invoices.print.vatTotal')}</dt>
          <dd>{money(invoice.totals.vatCents)}</dd>
          <dt className={styles.grand}>{t(note ? 'invoices.print.creditTotal' : 'invoices.print.grossTotal')}</dt>
          <dd className={styles.grand}>{money(invoice.totals.grossCents)}</dd>
        </dl>
      </div>

      {!note && (
        <section className={styles.payment} aria-labelledby="document-payment">
          <h2 id="document-payment" className={styles.label}>
            {t('invoices.print.paymentTitle')}
          </h2>
          <dl className={styles.paymentFacts}>
            <dt>{t('invoices.print.payee')}</dt>
            <dd>{seller?.name}</dd>
            <dt>{t('invoices.field.referenceNumber')}</dt>
            <dd className={styles.mono}>{invoice.referenceNumber && groupReference(invoice.referenceNumber)}</dd>
            <dt>{t('invoices.field.rfReference')}</dt>
            <dd className={styles.mono}>{invoice.rfReference && groupRf(invoice.rfReference)}</dd>
            <dt>{t('invoices.field.dueDate')}</dt>
            <dd>{date(invoice.dueDate)}</dd>
            <dt>{t('invoices.print.amountDue')}</dt>
            <dd>
              <strong>{money(invoice.totals.grossCents)}</strong>
            </dd>
          </dl>
          <p className={styles.hint}>{t('invoices.print.useReference')}</p>
        </section>
      )}

      {invoice.notes && (
        <p className={styles.notes}>
          {note ? t('invoices.creditNote.reason', { reason: invoice.notes }) : invoice.notes}
        </p>
      )}

      {seller && (
        <footer className={styles.footer}>
          {[seller.name, seller.businessId && t('invoices.businessId', { id: seller.businessId }), seller.streetAddress, [seller.postalCode, seller.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(' · ')}
        </footer>
      )}
    </article>
  );
}
