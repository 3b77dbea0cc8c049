// Marketing: one named switch per purpose and channel the business offers, each with the wording the server will
// record with the consent (Art. 7(1) proof) and when it was given. Withdrawing is as easy as giving: one press
// (Space on the keyboard), announced when it has taken effect. A consent given under purposes that have changed
// since is asked again.
import { useState } from 'react';
import { Switch } from 'react-aria-components';
import { useParams } from 'react-router';
import { portalPaths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { PageHeader } from '../../ui/PageHeader';
import { usePortalContext } from './PortalShell';
import { type ConsentState, PURPOSES, type Purpose, useSetConsent } from './queries';
import { CHANNEL_LABELS, PURPOSE_LABELS } from './labels';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import styles from './portal.module.css';

export function MarketingPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const me = usePortalContext();
  const [announcement, setAnnouncement] = useState('');
  const byPurpose = new Map(me.consents.map((c) => [c.purpose, c]));
  return (
    <>
      <PageHeader title={t('portal.marketing.title')} subtitle={t('portal.marketing.subtitle', { tenant: me.tenantName })} />
      <div className={styles.sections}>
        {me.profile.restriction && (
          <Notice tone="warning" live={false} title={t('portal.data.restricted.title')}>
            <p>{t('portal.marketing.restricted')}</p>
          </Notice>
        )}
        {PURPOSES.map((purpose) => {
          const consent = byPurpose.get(purpose);
          // A channel the business does not use is not offered; one given earlier can still be withdrawn.
          if (consent && !consent.offered && !consent.granted) return null;
          return <ConsentSwitch key={purpose} tenant={tenant} purpose={purpose} consent={consent} restricted={Boolean(me.profile.restriction)} onChanged={setAnnouncement} />;
        })}
        <div role="status" className={styles.status}>
          {announcement}
        </div>
        <p className={styles.hint}>
          {t('portal.marketing.objectionHint')} <Link href={portalPaths.requests(tenant)}>{t('portal.marketing.objectionLink')}</Link>
        </p>
      </div>
    </>
  );
}

/** `restricted`: processing is restricted (Art. 18): a consent can be withdrawn but not given meanwhile. */
function ConsentSwitch({ tenant, purpose, consent, restricted, onChanged }: { tenant: string; purpose: Purpose; consent?: ConsentState; restricted: boolean; onChanged: (message: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const set = useSetConsent(tenant);
  const granted = set.isPending ? set.variables.granted : (consent?.granted ?? false);
  const wordingId = `wording-${purpose}`;
  const stateId = `state-${purpose}`;
  const change = (next: boolean) =>
    set.mutate(
      { purpose, granted: next, lang: locale },
      { onSuccess: (state) => onChanged(t(state.granted ? 'portal.marketing.nowGiven' : 'portal.marketing.nowWithdrawn', { purpose: t(PURPOSE_LABELS[purpose]) })) },
    );
  return (
    <section className={styles.card} aria-labelledby={`heading-${purpose}`}>
      <h2 id={`heading-${purpose}`}>{t(PURPOSE_LABELS[purpose])}</h2>
      <p id={wordingId} className={styles.wording}>
        {consent ? (locale === 'fi' ? `”${consent.wording.fi}”` : `“${consent.wording.en}”`) : null}
      </p>
      {consent?.granted && consent.needsRenewal && !restricted && (
        <Notice tone="warning" live={false} actions={<Button onPress={() => change(true)}>{t('portal.marketing.renew', { purpose: t(PURPOSE_LABELS[purpose]) })}</Button>}>
          <p>{t('portal.marketing.needsRenewal')}</p>
        </Notice>
      )}
      <Switch className={styles.switch} isSelected={granted} isDisabled={restricted && !granted} onChange={change} aria-describedby={`${wordingId} ${stateId}`}>
        <span className={styles.track} aria-hidden="true">
          <span className={styles.thumb} />
        </span>
        <span>{t('portal.marketing.switch', { purpose: t(PURPOSE_LABELS[purpose]) })}</span>
      </Switch>
      <p id={stateId} className={styles.hint}>
        {consent?.granted && consent.since
          ? t('portal.marketing.givenDetail', {
              date: formatDate(consent.since, locale),
              channel: t(CHANNEL_LABELS[consent.channel ?? ''] ?? 'portal.channel.other'),
              version: consent.noticeVersion ?? 1,
            })
          : consent?.since
            ? t('portal.marketing.withdrawnDetail', { date: formatDate(consent.since, locale) })
            : t('portal.marketing.neverGiven')}
      </p>
      {set.error && <ErrorState error={set.error} onRetry={() => set.variables && change(set.variables.granted)} />}
    </section>
  );
}
