// A customer's data-subject requests on their page: each with its state and deadline, and registering one that
// arrived by e-mail or letter (the API takes written requests; its deadline counts from the day it arrived).
import { useState } from 'react';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { DeadlineBadge } from './DeadlineBadge';
import { inboxOrder } from './deadlines';
import { STATE_LABELS, TYPE_LABELS } from './labels';
import { NewRequestForm } from './NewRequestForm';
import { type DataSubjectRequest, useCustomerRequests } from './queries';
import styles from './requests.module.css';

export function CustomerRequests({ tenant, customerId, now = new Date() }: { tenant: string; customerId: string; now?: Date }) {
  const t = useT();
  const { locale } = useLocale();
  const requests = useCustomerRequests(tenant, customerId);
  const [adding, setAdding] = useState(false);
  const [recorded, setRecorded] = useState<DataSubjectRequest | null>(null);
  const rows = inboxOrder(requests.data?.items ?? [], now);
  const columns: Column<DataSubjectRequest>[] = [
    { key: 'type', header: t('rights.column.request'), cell: (r) => <Link href={paths.request(tenant, r.id)}>{t(TYPE_LABELS[r.type])}</Link> },
    { key: 'received', header: t('rights.column.received'), cell: (r) => formatDate(r.receivedAt, locale), secondary: true },
    { key: 'state', header: t('rights.column.state'), cell: (r) => t(STATE_LABELS[r.state]) },
    { key: 'deadline', header: t('rights.column.deadline'), cell: (r) => <DeadlineCell request={r} now={now} /> },
  ];
  return (
    <section className={styles.section} aria-labelledby="customer-requests">
      <div className={styles.sectionHead}>
        <h2 id="customer-requests">{t('rights.customer.title')}</h2>
        {!adding && (
          <Button variant="secondary" onPress={() => (setAdding(true), setRecorded(null))}>
            {t('rights.customer.new')}
          </Button>
        )}
      </div>
      {recorded && (
        <Notice tone="success">
          {t(recorded.state === 'completed' ? 'rights.customer.recordedDone' : 'rights.customer.recorded', { type: t(TYPE_LABELS[recorded.type]), date: formatDate(recorded.dueAt, locale) })}{' '}
          <Link href={paths.request(tenant, recorded.id)}>{t('rights.customer.open')}</Link>
        </Notice>
      )}
      {adding && (
        <NewRequestForm
          tenant={tenant}
          customerId={customerId}
          onDone={(request) => {
            setAdding(false);
            setRecorded(request);
          }}
        />
      )}
      {requests.isPending && <Loading label={t('rights.customer.loading')} />}
      {requests.error && <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data && rows.length === 0 && <p className={styles.muted}>{t('rights.customer.none')}</p>}
      {rows.length > 0 && <DataTable caption={t('rights.customer.title')} columns={columns} rows={rows} rowKey={(r) => r.id} />}
    </section>
  );
}

export function DeadlineCell({ request, now }: { request: DataSubjectRequest; now: Date }) {
  const { locale } = useLocale();
  return (
    <span className={styles.badges}>
      <DeadlineBadge request={request} now={now} />
      <span>{formatDate(request.dueAt, locale)}</span>
    </span>
  );
}
