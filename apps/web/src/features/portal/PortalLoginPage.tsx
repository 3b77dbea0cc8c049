// Sign-in to the customer portal at /t/:tenant/portal/login; afterwards back to the page in `?next=`.
import { useNavigate, useParams } from 'react-router';
import { portalPaths, safePortalNext } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import styles from '../auth/auth.module.css';
import { SignInForm } from '../auth/SignInForm';
import { usePortalSignIn } from './queries';

export function PortalLoginPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const navigate = useNavigate();
  return (
    <SignInForm
      title={t('portal.login.title')}
      subtitle={t('portal.login.subtitle', { tenant })}
      signIn={usePortalSignIn(tenant)}
      onSignedIn={(_, next) => void navigate(safePortalNext(tenant, next), { replace: true })}
      forgotPasswordHref={portalPaths.forgotPassword(tenant)}
    >
      <p className={styles.hint}>{t('portal.login.hint')}</p>
      <p className={styles.hint}>
        <Link href={portalPaths.privacy(tenant)}>{t('portal.footer.privacy')}</Link>
        {' · '}
        <Link href={portalPaths.accessibility()}>{t('portal.footer.accessibility')}</Link>
      </p>
    </SignInForm>
  );
}
