// Marketing: one named switch per purpose and channel, each with the wording the customer agreed to and when.
// Withdrawing is as easy as giving: one press (Space on the keyboard), announced when it has taken effect.
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
import { CHANNEL_LABELS, PURPOSE_LABELS, PURPOSE_WORDING } from './labels';
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
        {PURPOSES.map((purpose) => (
          <ConsentSwitch key={purpose} tenant={tenant} purpose={purpose} consent={byPurpose.get(purpose)} onChanged={setAnnouncement} />
        ))}
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

function ConsentSwitch({ tenant, purpose, consent, onChanged }: { tenant: string; purpose: Purpose; consent?: ConsentState; onChanged: (message: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const set = useSetConsent(tenant);
  const granted = set.isPending ? set.variables.granted : (consent?.granted ?? false);
  const wordingId = `wording-${purpose}`;
  const stateId = `state-${purpose}`;
  const change = (next: boolean) =>
    set.mutate(
      { purpose, granted: next },
      { onSuccess: (state) => onChanged(t(state.granted ? 'portal.marketing.nowGiven' : 'portal.marketing.nowWithdrawn', { purpose: t(PURPOSE_LABELS[purpose]) })) },
    );
  return (
    <section className={styles.card} aria-labelledby={`heading-${purpose}`}>
      <h2 id={`heading-${purpose}`}>{t(PURPOSE_LABELS[purpose])}</h2>
      <p id={wordingId} className={styles.wording}>
        {t(PURPOSE_WORDING[purpose], { tenant })}
      </p>
      <Switch className={styles.switch} isSelected={granted} onChange={change} aria-describedby={`${wordingId} ${stateId}`}>
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
