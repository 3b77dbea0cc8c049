// Sending a customer an invitation to the customer portal (where they see their data, correct it, give or
// withdraw consent and make requests), with a confirmation that says to which address and until when.
import { useState } from 'react';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { useInviteToPortal } from './queries';
import styles from './portal.module.css';

export function PortalInvitation({ tenant, customerId, email }: { tenant: string; customerId: string; email: string | null }) {
  const t = useT();
  const { locale } = useLocale();
  const invite = useInviteToPortal(tenant, customerId);
  const [confirming, setConfirming] = useState(false);
  const noEmail = invite.error instanceof ApiError && invite.error.code === 'portal-email-required';
  const disabled = invite.error instanceof ApiError && invite.error.code === 'portal-account-disabled';
  return (
    <section className={styles.section} aria-labelledby="customer-portal">
      <h2 id="customer-portal">{t('rights.portal.title')}</h2>
      <p className={styles.muted}>{t('rights.portal.help')}</p>
      {invite.data && (
        <Notice tone="success" title={t('rights.portal.sentTitle')}>
          <p>{t('rights.portal.sent', { email: invite.data.email, date: formatDate(invite.data.invitationExpiresAt, locale) })}</p>
        </Notice>
      )}
      {(noEmail || (!email && !invite.data)) && (
        <Notice tone={noEmail ? 'error' : 'info'} live={noEmail}>
          <p>{t('rights.portal.noEmail')}</p>
        </Notice>
      )}
      {disabled && (
        <Notice tone="error">
          <p>{t('rights.portal.disabled')}</p>
        </Notice>
      )}
      {invite.error && !noEmail && !disabled && <ErrorState error={invite.error} onRetry={() => invite.mutate()} />}
      {email &&
        (confirming ? (
          <Notice
            tone="info"
            live={false}
            title={t('rights.portal.confirmTitle')}
            actions={
              <>
                <Button variant="primary" isPending={invite.isPending} onPress={() => invite.mutate(undefined, { onSettled: () => setConfirming(false) })}>
                  {t('rights.portal.confirm')}
                </Button>
                <Button variant="quiet" onPress={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            }
          >
            <p>{t('rights.portal.confirmBody', { email })}</p>
          </Notice>
        ) : (
          <div className={styles.actions}>
            <Button onPress={() => (invite.reset(), setConfirming(true))}>{t(invite.data ? 'rights.portal.again' : 'rights.portal.send')}</Button>
          </div>
        ))}
    </section>
  );
}
