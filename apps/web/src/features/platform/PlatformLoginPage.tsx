// /platform/login: platform staff sign in; afterwards back to the page in `?next=` (inside the platform console).
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/use-t';
import styles from '../auth/auth.module.css';
import { SignInForm } from '../auth/SignInForm';
import { platformHome } from './navigation';
import { platformPaths, safePlatformNext } from './paths';
import { usePlatformSignIn } from './queries';

export function PlatformLoginPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <SignInForm
      title={t('platform.login.title')}
      subtitle={t('platform.login.subtitle')}
      signIn={usePlatformSignIn()}
      onSignedIn={(me, next) => void navigate(safePlatformNext(next, platformHome(me.roles)), { replace: true })}
      forgotPasswordHref={platformPaths.forgotPassword()}
    >
      <p className={styles.hint}>{t('platform.login.hint')}</p>
    </SignInForm>
  );
}
