// /t/:tenant/incidents (owner): the personal data breaches that concern this business's register, as the
// platform reports them: what happened, when, which data, whether the business was told within 72 hours, the
// notices to its customers awaiting the owner's approval (each opens its approval page), and how the notices
// went. Each said in words, in the console's language.
import { useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { NOTICE_STATUS } from './notice-words';
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
              <IncidentCard incident={incident} tenant={tenant} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function IncidentCard({ incident, tenant }: { incident: TenantIncident; tenant: string }) {
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
          <dt>{t('incidents.notices.initial')}</dt>
          <dd>{incident.notifiedAt ? sent(incident.customers.initial) : t('incidents.notices.notYet')}</dd>
        </div>
        {incident.customers.followUp.queued > 0 && (
          <div>
            <dt>{t('incidents.notices.followUp')}</dt>
            <dd>{sent(incident.customers.followUp)}</dd>
          </div>
        )}
      </dl>
      {incident.notices.length > 0 && (
        <>
          <h3>{t('incidents.notices.forApproval')}</h3>
          <ul className={styles.notices}>
            {incident.notices.map((notice) => (
              <li key={notice.id}>
                <Link href={paths.incidentNotice(tenant, notice.id)}>
                  {t(notice.status === 'pending_approval' ? 'incidents.notices.review' : 'incidents.notices.view', {
                    kind: t(notice.kind === 'initial' ? 'incidents.notice.title.initial' : 'incidents.notice.title.follow_up'),
                    count: notice.recipients,
                  })}
                </Link>{' '}
                – {t(NOTICE_STATUS[notice.status] ?? 'incidents.notice.status.pending_approval')}
                {notice.status === 'pending_approval' && notice.approvalDueAt ? ` (${t('incidents.notices.dueBy', { at: when(notice.approvalDueAt) })})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
