// A customer's billing on their page: the balance, what is unpaid or overdue (said in words), the invoices and
// credit notes newest first, and a new invoice.
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { titleOf } from './invoice-status';
import { type Balance, type InvoiceSummary, useCustomerBalance, useCustomerInvoices } from './queries';
import styles from './invoices.module.css';

/** `restricted`: processing is restricted (Art. 18), so no new invoice is offered (the API would refuse it). */
export function CustomerInvoices({ tenant, customerId, restricted = false }: { tenant: string; customerId: string; restricted?: boolean }) {
  const t = useT();
  const invoices = useCustomerInvoices(tenant, customerId);
  const balance = useCustomerBalance(tenant, customerId);
  const rows = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className={styles.section} aria-labelledby="customer-invoices">
      <div className={styles.sectionHead}>
        <h2 id="customer-invoices">{t('invoices.customer.title')}</h2>
        {!restricted && (
          <Link href={paths.newInvoice(tenant, customerId)} appearance="button-primary">
            {t('invoices.customer.new')}
          </Link>
        )}
      </div>
      {balance.error && <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />}
      {balance.data && <BalanceSummary balance={balance.data} tenant={tenant} />}
      {invoices.isPending && <Loading label={t('invoices.customer.loading')} />}
      {invoices.error && <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />}
      {invoices.data && rows.length === 0 && <p className={styles.muted}>{t('invoices.customer.none')}</p>}
      {rows.length > 0 && <InvoiceTable tenant={tenant} rows={rows} busy={invoices.isFetchingNextPage} />}
      {invoices.hasNextPage && (
        <div className={styles.actions}>
          <Button isPending={invoices.isFetchingNextPage} onPress={() => void invoices.fetchNextPage()}>
            {t('invoices.customer.more')}
          </Button>
        </div>
      )}
    </section>
  );
}

function BalanceSummary({ balance, tenant }: { balance: Balance; tenant: string }) {
  const t = useT();
  const { locale } = useLocale();
  const money = (cents: number) => formatMoney(cents, locale);
  const overdue = balance.unpaidInvoices.filter((i) => i.overdue);
  return (
    <>
      <dl className={styles.balance}>
        <div>
          <dt>{t('invoices.balance.invoiced')}</dt>
          <dd>{money(balance.invoicedCents)}</dd>
        </div>
        <div>
          <dt>{t('invoices.balance.paid')}</dt>
          <dd>{money(balance.paidCents)}</dd>
        </div>
        <div>
          <dt>{t('invoices.balance.open')}</dt>
          <dd>
            <strong>{money(balance.balanceCents)}</strong>
          </dd>
        </div>
      </dl>
      {balance.hasUnpaid && (
        <Notice tone={overdue.length > 0 ? 'warning' : 'info'} live={false} title={t('invoices.balance.unpaid', { count: balance.unpaidInvoices.length, overdue: overdue.length })}>
          <ul className={styles.plainList}>
            {balance.unpaidInvoices.map((i) => (
              <li key={i.id}>
                <Link href={paths.invoice(tenant, i.id)}>{t('invoices.title.invoice', { number: i.number })}</Link>:{' '}
                {t(i.overdue ? 'invoices.balance.itemOverdue' : 'invoices.balance.item', { amount: money(i.outstandingCents), date: formatDate(i.dueDate, locale) })}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </>
  );
}

function InvoiceTable({ tenant, rows, busy }: { tenant: string; rows: InvoiceSummary[]; busy: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: Column<InvoiceSummary>[] = [
    {
      key: 'invoice',
      header: t('invoices.column.invoice'),
      cell: (i) => {
        const title = titleOf(i);
        return <Link href={paths.invoice(tenant, i.id)}>{t(title.id, { number: title.number ?? '' })}</Link>;
      },
    },
    { key: 'issued', header: t('invoices.field.issueDate'), cell: (i) => (i.issueDate ? formatDate(i.issueDate, locale) : '—'), secondary: true },
    { key: 'due', header: t('invoices.field.dueDate'), cell: (i) => (i.dueDate && i.kind === 'invoice' ? formatDate(i.dueDate, locale) : '—'), secondary: true },
    { key: 'total', header: t('invoices.field.total'), cell: (i) => formatMoney(i.totals.grossCents, locale), numeric: true },
    { key: 'outstanding', header: t('invoices.field.outstanding'), cell: (i) => (i.outstandingCents ? formatMoney(i.outstandingCents, locale) : '—'), numeric: true, secondary: true },
    { key: 'status', header: t('invoices.column.status'), cell: (i) => <InvoiceStatusBadge invoice={i} /> },
  ];
  return <DataTable caption={t('invoices.customer.title')} columns={columns} rows={rows} rowKey={(i) => i.id} busy={busy} />;
}
