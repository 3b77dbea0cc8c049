// /t/:tenant/invoices/:id: one invoice or credit note, its state, lines, totals, payments and credit notes,
// with what can be done in that state: a draft is edited and issued; an open invoice takes payments; an
// issued one can be credited and printed.
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { displayName } from '../customers/customer-fields';
import { useCustomer } from '../customers/queries';
import { formatPercent, formatQuantity } from './amounts';
import { CreditForm } from './CreditForm';
import { DraftSection } from './DraftSection';
import { InvoiceDocuments } from './InvoiceDocuments';
import { InvoiceReminders } from './InvoiceReminders';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { InvoiceTotals } from './InvoiceTotals';
import { isCreditable, isPayable, titleOf } from './invoice-status';
import { PaymentForm } from './PaymentForm';
import { ReversePayment } from './ReversePayment';
import { useMe } from '../auth/queries';
import { type Invoice, useInvoice } from './queries';
import { groupReference, groupRf } from './reference';
import styles from './invoices.module.css';

type PageNotice = 'draft-created' | 'issued' | 'credited';

export function InvoicePage() {
  const t = useT();
  const { tenant, id } = useParams() as { tenant: string; id: string };
  const invoice = useInvoice(tenant, id);
  const location = useLocation();
  const navigate = useNavigate();
  const notice = (location.state as { notice?: PageNotice } | null)?.notice;

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
  const title = titleOf(inv);
  const issued = inv.status !== 'draft';
  const onIssued = () => {
    // The page stays; its title changes from draft to the number: focus goes there and the notice says so.
    void navigate(location.pathname, { replace: true, state: { notice: 'issued' } });
    setTimeout(() => document.querySelector<HTMLElement>('[data-page-title]')?.focus(), 0);
  };
  return (
    <>
      <BackToCustomer tenant={tenant} invoice={inv} />
      <PageHeader
        title={t(title.id, { number: title.number ?? '' })}
        subtitle={<InvoiceStatusBadge invoice={inv} />}
        actions={
          issued && (
            <Link href={paths.invoicePrint(tenant, inv.id)} appearance="button-secondary">
              {t('invoices.print.open')}
            </Link>
          )
        }
      />
      <div className={styles.stack}>
        {notice === 'draft-created' && !issued && <Notice tone="success">{t('invoices.notice.draftCreated')}</Notice>}
        {notice === 'issued' && issued && <Notice tone="success">{t('invoices.notice.issued', { number: inv.number ?? '' })}</Notice>}
        {notice === 'credited' && <Notice tone="success">{t('invoices.notice.credited', { number: inv.number ?? '' })}</Notice>}
        {issued ? <IssuedInvoice tenant={tenant} invoice={inv} /> : <DraftSection tenant={tenant} invoice={inv} onIssued={onIssued} />}
      </div>
    </>
  );
}

function BackToCustomer({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  if (!invoice.customerId) return null;
  // Issued, the invoice names its buyer as issued; a draft has no snapshot yet, so the customer's name is read.
  return (
    <p className={styles.back}>
      <Link href={paths.customer(tenant, invoice.customerId)}>
        ← {invoice.buyer ? invoice.buyer.name : <CustomerName tenant={tenant} id={invoice.customerId} fallback={t('invoices.backToCustomer')} />}
      </Link>
    </p>
  );
}

function CustomerName({ tenant, id, fallback }: { tenant: string; id: string; fallback: string }) {
  const customer = useCustomer(tenant, id);
  return <>{(customer.data && displayName(customer.data)) || fallback}</>;
}

function IssuedInvoice({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  const [recorded, setRecorded] = useState<number | null>(null);
  const [reversed, setReversed] = useState<number | null>(null);
  const owner = useMe(tenant).data?.role === 'owner';
  const money = (cents: number) => formatMoney(cents, locale);
  const date = (value: string | null) => (value ? formatDate(value, locale) : '—');
  const note = invoice.kind === 'credit_note';
  return (
    <>
      <div className={styles.cards}>
        <section className={styles.panel} aria-labelledby="invoice-facts">
          <h2 id="invoice-facts">{t(note ? 'invoices.facts.creditNote' : 'invoices.facts.title')}</h2>
          <dl className={styles.dl}>
            <dt>{t('invoices.field.number')}</dt>
            <dd>{invoice.number}</dd>
            <dt>{t('invoices.field.issueDate')}</dt>
            <dd>{date(invoice.issueDate)}</dd>
            {!note && (
              <>
                <dt>{t('invoices.field.dueDate')}</dt>
                <dd>
                  {date(invoice.dueDate)}
                  {invoice.overdue && <> ({t('invoices.status.overdue').toLowerCase()})</>}
                </dd>
                <dt>{t('invoices.field.referenceNumber')}</dt>
                <dd className={styles.reference}>{invoice.referenceNumber ? groupReference(invoice.referenceNumber) : '—'}</dd>
                <dt>{t('invoices.field.rfReference')}</dt>
                <dd className={styles.reference}>{invoice.rfReference ? groupRf(invoice.rfReference) : '—'}</dd>
              </>
            )}
            <dt>{t('invoices.field.total')}</dt>
            <dd>{money(invoice.totals.grossCents)}</dd>
            {!note && (
              <>
                <dt>{t('invoices.field.paid')}</dt>
                <dd>{money(invoice.paidCents)}</dd>
                <dt>{t('invoices.field.outstanding')}</dt>
                <dd>
                  <strong>{money(invoice.outstandingCents)}</strong>
                </dd>
              </>
            )}
          </dl>
        </section>
        {invoice.buyer && (
          <section className={styles.panel} aria-labelledby="invoice-buyer">
            <h2 id="invoice-buyer">{t('invoices.buyer.title')}</h2>
            <address className={styles.address}>
              {invoice.buyer.name}
              {invoice.buyer.businessId && <span>{t('invoices.businessId', { id: invoice.buyer.businessId })}</span>}
              {invoice.buyer.streetAddress && <span>{invoice.buyer.streetAddress}</span>}
              <span>{[invoice.buyer.postalCode, invoice.buyer.city].filter(Boolean).join(' ')}</span>
              {invoice.buyer.country && invoice.buyer.country !== 'FI' && <span>{invoice.buyer.country}</span>}
            </address>
            <p className={styles.muted}>{t('invoices.buyer.asIssued')}</p>
          </section>
        )}
      </div>

      <InvoiceDocuments tenant={tenant} invoice={invoice} />

      {!note && (invoice.overdue || invoice.outstandingCents > 0 || invoice.reminderCount > 0) && <InvoiceReminders tenant={tenant} invoice={invoice} />}

      {note && invoice.creditedInvoiceId && (
        <Notice tone="info" live={false}>
          <p>
            {t('invoices.creditNote.credits')} <Link href={paths.invoice(tenant, invoice.creditedInvoiceId)}>{t('invoices.title.invoice', { number: invoice.creditedInvoiceNumber ?? '' })}</Link>
          </p>
          {invoice.notes && <p>{t('invoices.creditNote.reason', { reason: invoice.notes })}</p>}
        </Notice>
      )}

      <section className={styles.panel} aria-labelledby="invoice-lines">
        <h2 id="invoice-lines">{t('invoices.lines.title')}</h2>
        <LinesTable invoice={invoice} />
        <h3 className={styles.subheading}>{t('invoices.totals.title')}</h3>
        <InvoiceTotals totals={invoice.totals} />
        {!note && invoice.notes && <p className={styles.notes}>{invoice.notes}</p>}
      </section>

      {!note && (
        <section className={styles.panel} aria-labelledby="invoice-payments">
          <h2 id="invoice-payments" tabIndex={-1} className={styles.focusTarget}>
            {t('invoices.payments.title')}
          </h2>
          {recorded !== null && <Notice tone="success">{t('invoices.payment.recorded', { amount: money(recorded) })}</Notice>}
          {reversed !== null && <Notice tone="success">{t('invoices.reverse.done', { amount: money(reversed) })}</Notice>}
          {invoice.payments.length === 0 ? (
            <p className={styles.muted}>{t('invoices.payments.none')}</p>
          ) : (
            <ul className={styles.plainList}>
              {invoice.payments.map((p) => (
                <li key={p.id}>
                  <span className={p.reversedAt ? styles.reversed : undefined}>{t('invoices.payments.item', { date: date(p.paidOn), amount: money(p.amountCents) })}</span>
                  {p.reference && <span className={styles.muted}> · {p.reference}</span>}
                  {p.reversedAt ? (
                    <span className={styles.muted}> · {t('invoices.payments.reversed', { date: date(p.reversedAt.slice(0, 10)), reason: p.reversalReason ?? '' })}</span>
                  ) : (
                    owner && (
                      <ReversePayment
                        tenant={tenant}
                        invoice={invoice}
                        paymentId={p.id}
                        label={t('invoices.reverse.startFor', { date: date(p.paidOn), amount: money(p.amountCents) })}
                        onReversed={() => (setRecorded(null), setReversed(p.amountCents))}
                      />
                    )
                  )}
                </li>
              ))}
            </ul>
          )}
          {isPayable(invoice) && (
            <>
              <h3 className={styles.subheading}>{t('invoices.payment.title')}</h3>
              <PaymentForm
                tenant={tenant}
                invoice={invoice}
                onRecorded={(cents, paid) => {
                  setRecorded(cents);
                  setReversed(null);
                  // Paid in full, the form goes away: focus stays in the section, on its heading.
                  if (!isPayable(paid)) setTimeout(() => document.getElementById('invoice-payments')?.focus(), 0);
                }}
              />
            </>
          )}
        </section>
      )}

      {!note && (invoice.creditNotes.length > 0 || isCreditable(invoice)) && (
        <section className={styles.panel} aria-labelledby="invoice-credit">
          <h2 id="invoice-credit">{t('invoices.credit.title')}</h2>
          {invoice.creditNotes.length > 0 && (
            <ul className={styles.plainList}>
              {invoice.creditNotes.map((n) => (
                <li key={n.id}>
                  <Link href={paths.invoice(tenant, n.id)}>{t('invoices.title.creditNote', { number: n.number })}</Link>{' '}
                  {t('invoices.credit.item', { date: date(n.issueDate), amount: money(n.grossCents) })}
                  {n.reason && <> · {t('invoices.creditNote.reason', { reason: n.reason })}</>}
                </li>
              ))}
            </ul>
          )}
          {isCreditable(invoice) && <CreditForm tenant={tenant} invoice={invoice} />}
        </section>
      )}
    </>
  );
}

/** A table on wide screens; on narrow ones a list, each line on a card of its own (only one is shown). */
function LinesTable({ invoice }: { invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      <ul className={styles.lineCards}>
        {invoice.lines.map((line, index) => (
          <li key={index}>
            <span className={styles.lineCardTitle}>{line.description}</span>
            <span>
              {t('invoices.lines.card', {
                quantity: formatQuantity(line.quantity, locale),
                price: formatMoney(line.unitPriceCents, locale),
                rate: formatPercent(line.vatRate, locale),
              })}
            </span>
            <span>
              {t('invoices.lines.net')} <strong>{formatMoney(line.netCents, locale)}</strong>
            </span>
          </li>
        ))}
      </ul>
      <LinesTableWide invoice={invoice} />
    </>
  );
}

function LinesTableWide({ invoice }: { invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div className={`${styles.scroll} ${styles.linesWide}`} role="region" aria-label={t('invoices.lines.title')} tabIndex={0}>
      <table className={styles.linesTable}>
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
              <td className={styles.num}>{formatMoney(line.unitPriceCents, locale)}</td>
              <td className={styles.num}>{formatPercent(line.vatRate, locale)}</td>
              <td className={styles.num}>{formatMoney(line.netCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
