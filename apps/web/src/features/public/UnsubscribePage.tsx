// /unsubscribe/:token, the link in a marketing message: says what the person is unsubscribing from and from
// whom, and withdraws only when they press the button (opening the page changes nothing). Mail clients
// withdraw with one click through the API (RFC 8058: List-Unsubscribe-Post), without this page.
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { PURPOSE_LABELS } from '../portal/labels';
import { PublicLayout } from './PublicLayout';
import { useUnsubscribe, useUnsubscribeDescription } from './queries';
import styles from './public.module.css';

export function UnsubscribePage() {
  const t = useT();
  const { locale } = useLocale();
  const token = useParams().token!;
  const description = useUnsubscribeDescription(token);
  const unsubscribe = useUnsubscribe(token);

  if (description.isPending) {
    return (
      <PublicLayout narrow>
        <Loading />
      </PublicLayout>
    );
  }
  if (description.error) {
    const invalid = description.error instanceof ApiError && description.error.kind === 'not-found';
    return (
      <PublicLayout narrow>
        <PageHeader title={t(invalid ? 'unsubscribe.invalid.title' : 'unsubscribe.title')} />
        {invalid ? <p>{t('unsubscribe.invalid.body')}</p> : <ErrorState error={description.error} onRetry={() => void description.refetch()} />}
      </PublicLayout>
    );
  }
  const { tenantName, purpose, granted } = description.data;
  const what = t(PURPOSE_LABELS[purpose]);
  const done = unsubscribe.data;
  return (
    <PublicLayout narrow>
      <PageHeader title={t('unsubscribe.title')} subtitle={tenantName} />
      <div className={styles.stack}>
        <div role="status" className={styles.status}>
          {done && (
            <Notice tone="success" live={false} title={t('unsubscribe.done.title')}>
              {t('unsubscribe.done.body', { what, tenant: tenantName, date: formatDate(done.since ?? new Date(), locale) })}
            </Notice>
          )}
        </div>
        {!done &&
          (granted ? (
            <>
              <p>{t('unsubscribe.body', { what, tenant: tenantName })}</p>
              <p className={styles.hint}>{t('unsubscribe.effect')}</p>
              {unsubscribe.error && <ErrorState error={unsubscribe.error} onRetry={() => unsubscribe.mutate()} />}
              <div>
                <Button variant="primary" isPending={unsubscribe.isPending} onPress={() => unsubscribe.mutate()}>
                  {t('unsubscribe.button', { what })}
                </Button>
              </div>
            </>
          ) : (
            <Notice tone="info" live={false} title={t('unsubscribe.already.title')}>
              {t('unsubscribe.already.body', { what, tenant: tenantName })}
            </Notice>
          ))}
        <p className={styles.hint}>{t('unsubscribe.portalHint')}</p>
      </div>
    </PublicLayout>
  );
}
