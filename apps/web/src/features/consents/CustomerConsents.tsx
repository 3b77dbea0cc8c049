// A customer's marketing consents on their page: for each purpose (e-mail, SMS) whether it holds and since when,
// the ledger of every grant and withdrawal (how it came, under which version of the privacy statement), and a
// button that records the customer's written request to give or withdraw it.
import { useState } from 'react';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { type ConsentPurpose, useConsent, useSetConsent } from './queries';
import styles from './consents.module.css';

const PURPOSE_LABELS: Record<ConsentPurpose, MessageId> = {
  marketing_email: 'rights.consent.purpose.marketing_email',
  marketing_sms: 'rights.consent.purpose.marketing_sms',
};

/** Every purpose of the API's ConsentPurpose enum: the record's type makes the compiler ask for a new one. */
const PURPOSES = Object.keys(PURPOSE_LABELS) as ConsentPurpose[];

const CHANNEL_LABELS: Record<string, MessageId> = {
  portal: 'rights.consent.channel.portal',
  staff_written_request: 'rights.consent.channel.staff',
  email_link: 'rights.consent.channel.emailLink',
  objection: 'rights.consent.channel.objection',
};

export function CustomerConsents({ tenant, customerId }: { tenant: string; customerId: string }) {
  const t = useT();
  return (
    <section className={styles.section} aria-labelledby="customer-consents">
      <h2 id="customer-consents">{t('rights.consent.title')}</h2>
      <p className={styles.muted}>{t('rights.consent.help')}</p>
      <div className={styles.cards}>
        {PURPOSES.map((purpose) => (
          <ConsentCard key={purpose} tenant={tenant} customerId={customerId} purpose={purpose} />
        ))}
      </div>
    </section>
  );
}

function ConsentCard({ tenant, customerId, purpose }: { tenant: string; customerId: string; purpose: ConsentPurpose }) {
  const t = useT();
  const { locale } = useLocale();
  const consent = useConsent(tenant, customerId, purpose);
  const change = useSetConsent(tenant, customerId, purpose);
  const [changed, setChanged] = useState<boolean | null>(null);
  const title = t(PURPOSE_LABELS[purpose]);
  return (
    // Not a labelled region: "Markkinointi sähköpostilla" would then answer to the label "Sähköposti" of the
    // e-mail field on the same page (for assistive technology and for tests alike).
    <section className={styles.card}>
      <h3>{title}</h3>
      {consent.isPending && <Loading label={t('rights.consent.loading')} />}
      {consent.error && <ErrorState error={consent.error} onRetry={() => void consent.refetch()} />}
      {consent.data && (
        <>
          <p className={styles.state}>
            <span className={`${styles.badge} ${consent.data.granted ? styles.granted : styles.none}`}>{t(consent.data.granted ? 'rights.consent.granted' : 'rights.consent.notGranted')}</span>{' '}
            {consent.data.since &&
              t(consent.data.granted ? 'rights.consent.grantedSince' : 'rights.consent.withdrawnSince', { at: formatDateTime(consent.data.since, locale) })}
          </p>
          {changed !== null && !change.isPending && !change.error && (
            <Notice tone="success">{t(changed ? 'rights.consent.didGrant' : 'rights.consent.didWithdraw', { purpose: title })}</Notice>
          )}
          {change.error && <ErrorState error={change.error} />}
          <div className={styles.actions}>
            <Button
              variant={consent.data.granted ? 'secondary' : 'primary'}
              isPending={change.isPending}
              onPress={() => {
                const granted = !consent.data.granted;
                change.mutate(granted, { onSuccess: () => setChanged(granted) });
              }}
            >
              {t(consent.data.granted ? 'rights.consent.withdraw' : 'rights.consent.grant', { purpose: title })}
            </Button>
          </div>
          <h4 className={styles.historyTitle}>{t('rights.consent.history')}</h4>
          {consent.data.history.length === 0 ? (
            <p className={styles.muted}>{t('rights.consent.noHistory')}</p>
          ) : (
            <ol className={styles.history}>
              {[...consent.data.history].reverse().map((e) => (
                <li key={`${e.occurredAt}-${e.action}`}>
                  <strong>{formatDateTime(e.occurredAt, locale)}</strong>{' '}
                  {t(e.action === 'granted' ? 'rights.consent.event.granted' : 'rights.consent.event.withdrawn', {
                    channel: t(CHANNEL_LABELS[e.channel] ?? 'rights.consent.channel.staff'),
                    version: e.noticeVersion,
                  })}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
