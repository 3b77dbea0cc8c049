// /t/:tenant/invoices: every invoice of the business, overdue first, filtered by state, issue dates and customer
// (the filters live in the URL, so a filtered list can be bookmarked or sent), with the sums of all that match.
import { useId } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import fieldStyles from '../../ui/TextField.module.css';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { filtersFrom, type InvoiceFilters, rangeIsReversed, STATUS_CHOICES } from './invoice-filters';
import { titleOf } from './invoice-status';
import { type InvoiceListRow, LIST_PAGE, useInvoiceList } from './queries';
import styles from './invoices.module.css';

const CHOICE_LABELS: Record<(typeof STATUS_CHOICES)[number], MessageId> = {
  overdue: 'invoices.status.overdue',
  issued: 'invoices.status.issued',
  partially_paid: 'invoices.status.partiallyPaid',
  paid: 'invoices.status.paid',
  draft: 'invoices.status.draft',
  credited: 'invoices.status.credited',
};

export function InvoicesPage() {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(search);
  const reversed = rangeIsReversed(filters);
  const list = useInvoiceList(tenant, reversed ? { ...filters, to: undefined } : filters);
  // A new filter starts from the first page.
  const apply = (changes: Partial<InvoiceFilters>) => void navigate(paths.invoices(tenant, { ...filters, offset: undefined, ...changes }), { replace: true });
  const money = (cents: number) => formatMoney(cents, locale);
  const ids = { status: useId(), from: useId(), to: useId() };
  const filtered = !!(filters.status || filters.from || filters.to || filters.customer);

  return (
    <>
      <PageHeader title={t('invoiceList.title')} />
      <search className={styles.filters} aria-label={t('invoiceList.filters')}>
        <div className={fieldStyles.field}>
          <label htmlFor={ids.status} className={fieldStyles.label}>
            {t('invoiceList.filter.status')}
          </label>
          <select id={ids.status} className={fieldStyles.input} value={filters.status ?? ''} onChange={(e) => apply({ status: (e.target.value || undefined) as InvoiceFilters['status'] })}>
            <option value="">{t('invoiceList.filter.all')}</option>
            {STATUS_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(CHOICE_LABELS[choice])}
              </option>
            ))}
          </select>
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor={ids.from} className={fieldStyles.label}>
            {t('invoiceList.filter.from')}
          </label>
          <input id={ids.from} type="date" className={fieldStyles.input} value={filters.from ?? ''} onChange={(e) => apply({ from: e.target.value || undefined })} />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor={ids.to} className={fieldStyles.label}>
            {t('invoiceList.filter.to')}
          </label>
          <input
            id={ids.to}
            type="date"
            className={fieldStyles.input}
            value={filters.to ?? ''}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? `${ids.to}-error` : undefined}
            onChange={(e) => apply({ to: e.target.value || undefined })}
          />
          {reversed && (
            <span id={`${ids.to}-error`} className={fieldStyles.error}>
              {t('invoiceList.filter.reversed')}
            </span>
          )}
        </div>
        {filtered && (
          <Link appearance="button-secondary" href={paths.invoices(tenant)}>
            {t('invoiceList.filter.clear')}
          </Link>
        )}
      </search>
      {filters.customer && (
        <p className={styles.muted}>
          {t('invoiceList.filter.customer')} <Link href={paths.customer(tenant, filters.customer)}>{list.data?.items[0]?.customerName ?? t('invoiceList.filter.thisCustomer')}</Link>
        </p>
      )}
      {list.isPending && <Loading label={t('invoiceList.loading')} />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && !list.error && (
        <>
          <dl className={`${styles.balance} ${styles.listSums}`} aria-label={t('invoiceList.sums')}>
            <div>
              <dt>{t('invoiceList.sum.count')}</dt>
              <dd>{list.data.sums.count}</dd>
            </div>
            <div>
              <dt>{t('invoiceList.sum.gross')}</dt>
              <dd>{money(list.data.sums.grossCents)}</dd>
            </div>
            <div>
              <dt>{t('invoiceList.sum.open')}</dt>
              <dd>
                <strong>{money(list.data.sums.outstandingCents)}</strong>
              </dd>
            </div>
            <div>
              <dt>{t('invoiceList.sum.overdue')}</dt>
              <dd>{money(list.data.sums.overdueCents)}</dd>
            </div>
          </dl>
          {list.data.items.length === 0 ? (
            <p role="status">{filtered ? t('invoiceList.noMatches') : t('invoiceList.empty')}</p>
          ) : (
            <InvoiceRows tenant={tenant} rows={list.data.items} busy={list.isPlaceholderData} />
          )}
          {(filters.offset || list.data.nextOffset !== null) && (
            <nav className={styles.actions} aria-label={t('invoiceList.pages')}>
              {!!filters.offset && (
                <Link appearance="button-secondary" href={paths.invoices(tenant, { ...filters, offset: Math.max(0, filters.offset - LIST_PAGE) || undefined })}>
                  {t('customers.previousPage')}
                </Link>
              )}
              {list.data.nextOffset !== null && (
                <Link appearance="button-secondary" href={paths.invoices(tenant, { ...filters, offset: list.data.nextOffset })}>
                  {t('customers.nextPage')}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

function InvoiceRows({ tenant, rows, busy }: { tenant: string; rows: InvoiceListRow[]; busy: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: Column<InvoiceListRow>[] = [
    {
      key: 'invoice',
      header: t('invoices.column.invoice'),
      cell: (i) => {
        const title = titleOf(i);
        return <Link href={paths.invoice(tenant, i.id)}>{t(title.id, { number: title.number ?? '' })}</Link>;
      },
    },
    {
      key: 'customer',
      header: t('invoiceList.column.customer'),
      cell: (i) => (i.customerId ? <Link href={paths.customer(tenant, i.customerId)}>{i.customerName ?? t('customer.unnamed')}</Link> : (i.customerName ?? t('invoiceList.erased'))),
    },
    {
      key: 'due',
      header: t('invoices.field.dueDate'),
      cell: (i) => (i.dueDate && i.kind === 'invoice' ? formatDate(i.dueDate, locale) : '—'),
      secondary: true,
    },
    { key: 'total', header: t('invoices.field.total'), cell: (i) => formatMoney(i.grossCents, locale), numeric: true, secondary: true },
    { key: 'outstanding', header: t('invoices.field.outstanding'), cell: (i) => (i.outstandingCents ? formatMoney(i.outstandingCents, locale) : '—'), numeric: true, secondary: true },
    { key: 'status', header: t('invoices.column.status'), cell: (i) => <InvoiceStatusBadge invoice={i} /> },
    {
      key: 'reminders',
      header: t('invoiceList.column.reminders'),
      cell: (i) => (i.reminderCount && i.lastReminderAt ? t('invoiceList.reminders', { count: i.reminderCount, date: formatDate(i.lastReminderAt, locale) }) : '—'),
      secondary: true,
    },
  ];
  return <DataTable caption={t('invoiceList.caption')} columns={columns} rows={rows} rowKey={(i) => i.id} busy={busy} />;
}
