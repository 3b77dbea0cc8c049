// Sign-in at /t/:tenant/login; afterwards back to the page in `?next=` (where a lapsed session left the user).
import { useNavigate, useParams } from 'react-router';
import { paths, safeNext } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { SignInForm } from './SignInForm';
import { useSignIn } from './queries';
import styles from './auth.module.css';

export function LoginPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const navigate = useNavigate();
  return (
    <SignInForm
      title={t('login.title')}
      subtitle={t('login.subtitle', { tenant })}
      signIn={useSignIn(tenant)}
      onSignedIn={(_, next) => void navigate(safeNext(tenant, next), { replace: true })}
      forgotPasswordHref={paths.forgotPassword(tenant)}
      explain={(error) =>
        error.code === 'tenant-suspended' ? (
          <Notice tone="error" title={t('platform.tenantLogin.suspended.title')}>
            {t('platform.tenantLogin.suspended.body')}
          </Notice>
        ) : null
      }
    >
      <p className={styles.hint}>{t('login.invitationHint')}</p>
    </SignInForm>
  );
}
