// A customer's marketing consents on their page: for each purpose (e-mail, SMS) whether it holds and since when,
// the ledger of every grant and withdrawal with its proof (the wording agreed to, the statement version, where it
// came from, who recorded it, the written evidence), and a button that records the customer's written request.
// A channel the register settings do not list cannot be given; after an objection, only a written consent whose
// evidence is described (or the person's own in the portal) gives it again.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { fieldErrors } from '../../api/problem';
import { TextField } from '../../ui/TextField';
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
  booking: 'rights.consent.channel.booking',
  import: 'rights.consent.channel.import',
};

/** `restricted`: processing is restricted (Art. 18): consent can be withdrawn but not given meanwhile. */
export function CustomerConsents({ tenant, customerId, restricted = false }: { tenant: string; customerId: string; restricted?: boolean }) {
  const t = useT();
  return (
    <section className={styles.section} aria-labelledby="customer-consents">
      <h2 id="customer-consents">{t('rights.consent.title')}</h2>
      <p className={styles.muted}>{t('rights.consent.help')}</p>
      <div className={styles.cards}>
        {PURPOSES.map((purpose) => (
          <ConsentCard key={purpose} tenant={tenant} customerId={customerId} purpose={purpose} restricted={restricted} />
        ))}
      </div>
    </section>
  );
}

function ConsentCard({ tenant, customerId, purpose, restricted }: { tenant: string; customerId: string; purpose: ConsentPurpose; restricted: boolean }) {
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
          {consent.data.needsRenewal && <Notice tone="warning">{t('rights.consent.needsRenewal')}</Notice>}
          {consent.data.objected && !consent.data.granted && <Notice tone="warning">{t('rights.consent.objected')}</Notice>}
          {changed !== null && !change.isPending && !change.error && (
            <Notice tone="success">{t(changed ? 'rights.consent.didGrant' : 'rights.consent.didWithdraw', { purpose: title })}</Notice>
          )}
          {!consent.data.offered && !consent.data.granted ? (
            <p className={styles.muted}>{t('rights.consent.notOffered')}</p>
          ) : restricted && !consent.data.granted ? (
            <p className={styles.muted}>{t('rights.consent.restricted')}</p>
          ) : consent.data.objected && !consent.data.granted ? (
            <WrittenConsentForm
              purposeTitle={title}
              error={change.error}
              isPending={change.isPending}
              onSubmit={(evidence) => change.mutate({ granted: true, evidence }, { onSuccess: () => setChanged(true) })}
            />
          ) : (
            <>
              {change.error && <ErrorState error={change.error} />}
              <div className={styles.actions}>
                <Button
                  variant={consent.data.granted && !consent.data.needsRenewal ? 'secondary' : 'primary'}
                  isPending={change.isPending}
                  onPress={() => {
                    const granted = !consent.data.granted;
                    change.mutate({ granted }, { onSuccess: () => setChanged(granted) });
                  }}
                >
                  {t(consent.data.granted ? 'rights.consent.withdraw' : 'rights.consent.grant', { purpose: title })}
                </Button>
              </div>
            </>
          )}
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
                  {e.recordedByName && <> {t('rights.consent.event.recordedBy', { name: e.recordedByName })}</>}
                  {e.wording && <q className={styles.wording}>{e.wording}</q>}
                  {e.evidence && <span className={styles.evidence}>{t('rights.consent.event.evidence', { evidence: e.evidence })}</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/** After an objection: the written consent's evidence is described before anything is recorded (never just a click). */
function WrittenConsentForm({ purposeTitle, error, isPending, onSubmit }: { purposeTitle: string; error: unknown; isPending: boolean; onSubmit: (evidence: string) => void }) {
  const t = useT();
  const [evidence, setEvidence] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const errors = fieldErrors(error, ['evidence'] as const);
  return (
    <Form
      className={styles.writtenForm}
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        const text = evidence.trim();
        setTooShort(text.length < EVIDENCE_MIN);
        if (text.length >= EVIDENCE_MIN) onSubmit(text);
      }}
    >
      <TextField
        label={t('rights.consent.evidence.label')}
        description={t('rights.consent.evidence.help')}
        value={evidence}
        onChange={(value) => {
          setEvidence(value);
          setTooShort(false);
        }}
        isRequired
        maxLength={1000}
        errorMessage={tooShort ? t('form.tooShort', { min: EVIDENCE_MIN }) : errors.byField.evidence}
      />
      {error != null && !errors.byField.evidence ? <ErrorState error={error} /> : null}
      <div className={styles.actions}>
        <Button type="submit" isPending={isPending}>
          {t('rights.consent.evidence.submit', { purpose: purposeTitle })}
        </Button>
      </div>
    </Form>
  );
}

/** What the API asks of a written consent's evidence at least. */
const EVIDENCE_MIN = 10;
