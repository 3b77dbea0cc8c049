// A customer's audit trail in words: who (a member of staff by name, the customer, the system) did what and when,
// with the fields that changed (never their values: the trail does not hold them). Owners only, as in the API.
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { FIELD_LABELS, type CustomerField } from './customer-fields';
import { type CustomerAuditEntry, useCustomerAudit } from './queries';
import styles from './timeline.module.css';

const ACTIONS: Record<string, MessageId> = {
  'customer.created': 'timeline.action.created',
  'customer.updated': 'timeline.action.updated',
  'customer.erased': 'timeline.action.erased',
  'customer.restricted': 'timeline.action.restricted',
  'customer.restriction_lifted': 'timeline.action.restrictionLifted',
  'portal.invited': 'timeline.action.portalInvited',
  'portal.invitation_accepted': 'timeline.action.portalAccepted',
};

export function CustomerTimeline({ tenant, customerId }: { tenant: string; customerId: string }) {
  const t = useT();
  const audit = useCustomerAudit(tenant, customerId, true);
  return (
    <section className={styles.section} aria-labelledby="timeline-title">
      <h2 id="timeline-title" className={styles.title}>
        {t('timeline.title')}
      </h2>
      <p className={styles.help}>{t('timeline.help')}</p>
      {audit.isPending && <Loading label={t('timeline.loading')} />}
      {audit.error && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <ol className={styles.list}>
          {[...audit.data].reverse().map((entry, i) => (
            <TimelineEntry key={`${entry.occurredAt}-${i}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function TimelineEntry({ entry }: { entry: CustomerAuditEntry }) {
  const t = useT();
  const { locale } = useLocale();
  const who = actorOf(entry, t);
  const request = /^request\.([a-z_]+)\.recorded$/.exec(entry.action);
  const what = ACTIONS[entry.action]
    ? t(ACTIONS[entry.action], { who })
    : request
      ? t('timeline.action.request', { who, type: request[1] })
      : t('timeline.action.other', { who, action: entry.action });
  const fields = entry.fields.filter((f): f is CustomerField => f in FIELD_LABELS).map((f) => t(FIELD_LABELS[f]));
  return (
    <li className={styles.entry}>
      <time dateTime={entry.occurredAt} className={styles.when}>
        {formatDateTime(entry.occurredAt, locale)}
      </time>
      <p className={styles.what}>{what}</p>
      {fields.length > 0 && (
        <p className={styles.fields}>
          {t(entry.action === 'customer.created' ? 'timeline.fieldsGiven' : 'timeline.fieldsChanged', { fields: fields.join(', ') })}
        </p>
      )}
    </li>
  );
}

function actorOf(entry: CustomerAuditEntry, t: ReturnType<typeof useT>): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actor.startsWith('tenant-staff:')) return t('timeline.actor.formerStaff');
  if (entry.actor.startsWith('customer:')) return t('timeline.actor.customer');
  if (entry.actor.startsWith('platform:')) return t('timeline.actor.platform');
  return t('timeline.actor.system');
}
