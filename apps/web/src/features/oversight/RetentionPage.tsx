// /t/:tenant/retention (owner): the customers the retention run flagged because their customer relationship
// seems to have ended: why each is listed, and what the owner should do next. Nothing is deleted by itself.
import { useParams, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { Pager } from './Pager';
import { type ReviewItem, useRetentionReview } from './queries';
import styles from './oversight.module.css';

export function RetentionPage() {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const cursor = useSearchParams()[0].get('cursor') ?? undefined;
  const review = useRetentionReview(tenant, cursor);
  return (
    <>
      <PageHeader title={t('retention.title')} subtitle={t('retention.subtitle')} />
      <div className={styles.explain}>
        <p>{t('retention.explain.why')}</p>
        <p>{t('retention.explain.next')}</p>
      </div>
      {review.isPending && <Loading />}
      {review.error && <ErrorState error={review.error} onRetry={() => void review.refetch()} />}
      {review.data && review.data.items.length === 0 && !cursor && <Notice tone="info" title={t('retention.empty.title')}>{t('retention.empty.body')}</Notice>}
      {review.data && review.data.items.length > 0 && (
        <>
          <DataTable<ReviewItem>
            caption={t('retention.caption')}
            rows={review.data.items}
            rowKey={(r) => r.customerId}
            busy={review.isPlaceholderData}
            columns={[
              { key: 'name', header: t('retention.column.customer'), cell: (r) => <Link href={paths.customer(tenant, r.customerId)}>{r.name}</Link> },
              { key: 'email', header: t('retention.column.email'), cell: (r) => r.email ?? '–', breakAnywhere: true, secondary: true },
              {
                key: 'why',
                header: t('retention.column.why'),
                cell: (r) => t('retention.reason', { date: formatDate(r.lastActivityAt, locale), months: r.reviewAfterMonths }),
              },
              { key: 'flagged', header: t('retention.column.flagged'), cell: (r) => formatDate(r.flaggedAt, locale), secondary: true },
            ]}
          />
          <Pager first={paths.retention(tenant)} next={review.data.nextCursor ? paths.retention(tenant, review.data.nextCursor) : null} onFirstPage={!cursor} />
        </>
      )}
    </>
  );
}
