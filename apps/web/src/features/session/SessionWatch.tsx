// The idle-timeout warning: two minutes before the session would end, a modal alert dialog (focus inside it,
// announced) offers to stay signed in (which renews the session on the server) or to sign out; when the session
// has ended, the user goes to sign-in and, after signing in, back to this page.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { IdleWatch, type SessionPhase } from './idle';
import { useExtendSession, useFetchSessionStatus } from './queries';
import dialog from '../../ui/Dialog.module.css';
import styles from './session.module.css';

export function SessionWatch({ tenant, onSignOut, signingOut }: { tenant: string; onSignOut: () => void; signingOut: boolean }) {
  const fetchStatus = useFetchSessionStatus(tenant);
  const [phase, setPhase] = useState<SessionPhase>({ kind: 'unknown' });
  const watch = useRef<IdleWatch | null>(null);
  const expired = useExpiredSession(tenant);

  useEffect(() => {
    const idle = new IdleWatch({ fetchStatus, onChange: setPhase });
    watch.current = idle;
    idle.start();
    return () => idle.stop();
  }, [fetchStatus]);

  useEffect(() => {
    if (phase.kind === 'expired') expired();
  }, [phase, expired]);

  if (phase.kind !== 'warning') return null;
  return <IdleWarning tenant={tenant} phase={phase} onStay={(status) => watch.current?.accept(status)} onSignOut={onSignOut} signingOut={signingOut} onEnded={expired} />;
}

/** Off to sign-in, with the way back; the data of the ended session is forgotten once the shell is gone. */
function useExpiredSession(tenant: string): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = useRef('');
  const done = useRef(false);
  useEffect(() => {
    here.current = location.pathname + location.search;
  }, [location]);
  return useCallback(() => {
    // A status check that answers while the user signs out sees the session gone: that is the sign-out.
    if (done.current || queryClient.isMutating({ predicate: (mutation) => mutation.meta?.signOut === true }) > 0) return;
    done.current = true;
    void navigate(`${paths.login(tenant, here.current)}&reason=expired`, { replace: true, flushSync: true });
    queryClient.clear();
  }, [navigate, queryClient, tenant]);
}

function IdleWarning(props: {
  tenant: string;
  phase: Extract<SessionPhase, { kind: 'warning' }>;
  onStay: (status: Parameters<IdleWatch['accept']>[0]) => void;
  onSignOut: () => void;
  signingOut: boolean;
  onEnded: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const extend = useExtendSession(props.tenant);
  const left = useSecondsLeft(props.phase.deadline);
  const endsAt = new Intl.DateTimeFormat(locale === 'fi' ? 'fi-FI' : 'en-GB', { hour: 'numeric', minute: '2-digit' }).format(props.phase.deadline);
  const stay = () =>
    extend.mutate(undefined, {
      onSuccess: props.onStay,
      onError: (error) => (error instanceof ApiError && error.kind === 'unauthenticated' ? props.onEnded() : undefined),
    });
  return (
    <ModalOverlay isOpen isDismissable={false} isKeyboardDismissDisabled className={dialog.overlay}>
      <Modal className={dialog.modal}>
        <Dialog role="alertdialog" className={dialog.dialog} aria-describedby="idle-warning-text">
          <Heading slot="title" className={dialog.title}>
            {t('session.idle.title')}
          </Heading>
          <p id="idle-warning-text">{t(props.phase.canExtend ? 'session.idle.text' : 'session.idle.absolute', { time: endsAt })}</p>
          <p className={styles.countdown} aria-hidden="true">
            {t('session.idle.left', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })}
          </p>
          {extend.error && !(extend.error instanceof ApiError && extend.error.kind === 'unauthenticated') && (
            <Notice tone="error">{t('session.idle.extendFailed')}</Notice>
          )}
          <div className={dialog.actions}>
            <Button variant="secondary" isPending={props.signingOut} onPress={props.onSignOut}>
              {t('shell.signOut')}
            </Button>
            {props.phase.canExtend && (
              <Button variant="primary" autoFocus isPending={extend.isPending} onPress={stay}>
                {t('session.idle.stay')}
              </Button>
            )}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function useSecondsLeft(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.round((deadline - now) / 1000));
}
