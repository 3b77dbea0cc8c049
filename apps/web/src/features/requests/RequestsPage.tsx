// /t/:tenant/requests: the data-subject requests inbox. Open ones first, overdue and due soon at the top, each with
// its days left in words; a view (open, overdue, due soon, a state, all) kept in the URL as ?show=.
import { useParams, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { SelectField } from '../invoices/fields';
import { DeadlineCell } from './CustomerRequests';
import { inboxOrder, urgencyOf } from './deadlines';
import { CHANNEL_LABELS, STATE_LABELS, TYPE_LABELS } from './labels';
import { type DataSubjectRequest, INBOX_VIEWS, type InboxView, isInboxView, useInbox } from './queries';
import styles from './requests.module.css';

const VIEW_LABELS: Record<InboxView, MessageId> = {
  open: 'rights.inbox.view.open',
  overdue: 'rights.inbox.view.overdue',
  due_soon: 'rights.inbox.view.dueSoon',
  received: 'rights.inbox.view.received',
  verified: 'rights.inbox.view.verified',
  completed: 'rights.inbox.view.completed',
  rejected: 'rights.inbox.view.rejected',
  all: 'rights.inbox.view.all',
};

export function RequestsPage({ now = new Date() }: { now?: Date }) {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const [search, setSearch] = useSearchParams();
  const shown = search.get('show');
  const view: InboxView = isInboxView(shown) ? shown : 'open';
  const inbox = useInbox(tenant, view);
  const rows = inboxOrder(inbox.data?.pages.flatMap((page) => page.items) ?? [], now);
  const overdue = rows.filter((r) => urgencyOf(r, now) === 'overdue').length;
  const dueSoon = rows.filter((r) => urgencyOf(r, now) === 'dueSoon').length;

  const columns: Column<DataSubjectRequest>[] = [
    { key: 'deadline', header: t('rights.column.deadline'), cell: (r) => <DeadlineCell request={r} now={now} /> },
    {
      key: 'request',
      header: t('rights.column.requestOf'),
      // Whose it is stays beside what it is, also at 320 px where the other columns step aside.
      cell: (r) => (
        <span className={styles.requestCell}>
          <Link href={paths.request(tenant, r.id)}>{t(TYPE_LABELS[r.type])}</Link>
          <span>{r.customerId ? r.customerName || t('customer.unnamed') : t('rights.request.customerErased')}</span>
        </span>
      ),
    },
    { key: 'state', header: t('rights.column.state'), cell: (r) => t(STATE_LABELS[r.state]), secondary: true },
    { key: 'received', header: t('rights.column.received'), cell: (r) => formatDate(r.receivedAt, locale), secondary: true },
    { key: 'channel', header: t('rights.column.channel'), cell: (r) => t(CHANNEL_LABELS[r.channel]), secondary: true },
  ];

  return (
    <>
      <PageHeader title={t('rights.inbox.title')} subtitle={t('rights.inbox.subtitle')} />
      <div className={styles.toolbar}>
        <SelectField label={t('rights.inbox.show')} value={view} onChange={(value) => setSearch(value === 'open' ? {} : { show: value }, { replace: true })}>
          {INBOX_VIEWS.map((value) => (
            <option key={value} value={value}>
              {t(VIEW_LABELS[value])}
            </option>
          ))}
        </SelectField>
      </div>
      {inbox.isPending && <Loading label={t('rights.inbox.loading')} />}
      {inbox.error && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && (
        <>
          <p className={styles.muted} role="status">
            {rows.length === 0 ? t('rights.inbox.none') : t('rights.inbox.summary', { count: rows.length, overdue, dueSoon })}
          </p>
          {rows.length > 0 && <DataTable caption={t('rights.inbox.caption', { view: t(VIEW_LABELS[view]) })} columns={columns} rows={rows} rowKey={(r) => r.id} busy={inbox.isFetchingNextPage} />}
          {inbox.hasNextPage && (
            <div className={styles.actions}>
              <Button isPending={inbox.isFetchingNextPage} onPress={() => void inbox.fetchNextPage()}>
                {t('rights.inbox.more')}
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
