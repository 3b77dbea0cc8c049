// /t/:tenant/incidents (owner): the personal data breaches that concern this business's register, as the
// platform reports them: what happened, when, which data, what was done, whether the business was told within
// 72 hours, and how the notices to its customers went. Each said in words, in the console's language.
import { useParams } from 'react-router';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { type TenantIncident, useTenantIncidents } from './queries';
import styles from './oversight.module.css';

const STATUS: Record<string, MessageId> = { open: 'incidents.status.open', notified: 'incidents.status.notified', followed_up: 'incidents.status.followed_up' };

export function IncidentsPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const incidents = useTenantIncidents(tenant);
  return (
    <>
      <PageHeader title={t('incidents.title')} subtitle={t('incidents.subtitle')} />
      {incidents.isPending && <Loading />}
      {incidents.error && <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data && incidents.data.items.length === 0 && <Notice tone="info" title={t('incidents.empty.title')}>{t('incidents.empty.body')}</Notice>}
      {incidents.data && incidents.data.items.length > 0 && (
        <ol className={styles.cards}>
          {incidents.data.items.map((incident) => (
            <li key={incident.id}>
              <IncidentCard incident={incident} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function IncidentCard({ incident }: { incident: TenantIncident }) {
  const t = useT();
  const { locale } = useLocale();
  const when = (value: string) => formatDateTime(value, locale);
  const hours = (seconds: number | null) => Math.max(0, Math.round((seconds ?? 0) / 3600));
  const clock = incident.clock;
  const clockText =
    clock.state === 'pending'
      ? t('incidents.clock.pending', { deadline: when(clock.deadline), hours: hours(clock.remainingSeconds) })
      : clock.state === 'overdue'
        ? t('incidents.clock.overdue', { deadline: when(clock.deadline), hours: hours(clock.overdueSeconds) })
        : clock.state === 'informed_late'
          ? t('incidents.clock.informedLate', { at: incident.controllerInformedAt ? when(incident.controllerInformedAt) : '–', hours: hours(clock.overdueSeconds) })
          : t('incidents.clock.informedInTime', { at: incident.controllerInformedAt ? when(incident.controllerInformedAt) : '–' });
  const sent = (counts: TenantIncident['customers']['initial']) => t('incidents.notices.counts', { queued: counts.queued, delivered: counts.delivered, pending: counts.pending, failed: counts.failed });
  return (
    <article className={styles.card} aria-labelledby={`incident-${incident.id}`}>
      <header className={styles.cardHead}>
        <h2 id={`incident-${incident.id}`}>{incident.title}</h2>
        <span className={`${styles.badge} ${incident.status === 'open' ? styles.badgeOpen : styles.badgeDone}`}>{t(STATUS[incident.status] ?? 'incidents.status.open')}</span>
      </header>
      <p>{incident.whatHappened[locale]}</p>
      <dl className={styles.facts}>
        <div>
          <dt>{t('incidents.occurredAt')}</dt>
          <dd>{when(incident.occurredAt)}</dd>
        </div>
        <div>
          <dt>{t('incidents.discoveredAt')}</dt>
          <dd>{when(incident.discoveredAt)}</dd>
        </div>
        <div>
          <dt>{t('incidents.categories')}</dt>
          <dd>{incident.dataCategories.map((c) => t(`incidents.category.${c}` as MessageId)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('incidents.clock.label')}</dt>
          <dd>{clockText}</dd>
        </div>
        <div>
          <dt>{t('incidents.countermeasures')}</dt>
          <dd>{incident.countermeasures ? incident.countermeasures[locale] : t('incidents.countermeasures.none')}</dd>
        </div>
        <div>
          <dt>{t('incidents.notices.initial')}</dt>
          <dd>{incident.notifiedAt ? sent(incident.customers.initial) : t('incidents.notices.notYet')}</dd>
        </div>
        {incident.followedUpAt && (
          <div>
            <dt>{t('incidents.notices.followUp')}</dt>
            <dd>{sent(incident.customers.followUp)}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
