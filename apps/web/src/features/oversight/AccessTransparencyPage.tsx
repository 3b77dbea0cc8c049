// /t/:tenant/access-transparency (owner): each time platform staff searched the IP access log in a way that
// touched this business's traffic: when, and the reason they had to give. What they found is never shown here.
import { useParams, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { Pager } from './Pager';
import { type TransparencyEntry, useAccessTransparency } from './queries';
import styles from './oversight.module.css';

export function AccessTransparencyPage() {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const cursor = useSearchParams()[0].get('cursor') ?? undefined;
  const searches = useAccessTransparency(tenant, cursor);
  return (
    <>
      <PageHeader title={t('transparency.title')} subtitle={t('transparency.subtitle')} />
      <div className={styles.explain}>
        <p>{t('transparency.explain.what')}</p>
        <p>{t('transparency.explain.why')}</p>
      </div>
      {searches.isPending && <Loading />}
      {searches.error && <ErrorState error={searches.error} onRetry={() => void searches.refetch()} />}
      {searches.data && searches.data.items.length === 0 && !cursor && <Notice tone="info" title={t('transparency.empty.title')}>{t('transparency.empty.body')}</Notice>}
      {searches.data && searches.data.items.length > 0 && (
        <>
          <DataTable<TransparencyEntry>
            caption={t('transparency.caption')}
            rows={searches.data.items}
            rowKey={(e) => e.id}
            busy={searches.isPlaceholderData}
            columns={[
              { key: 'when', header: t('transparency.column.when'), cell: (e) => formatDateTime(e.searchedAt, locale) },
              { key: 'why', header: t('transparency.column.why'), cell: (e) => e.justification },
            ]}
          />
          <Pager first={paths.accessTransparency(tenant)} next={searches.data.nextCursor ? paths.accessTransparency(tenant, searches.data.nextCursor) : null} onFirstPage={!cursor} />
        </>
      )}
    </>
  );
}
