// Sign-in to the customer portal at /t/:tenant/portal/login; afterwards back to the page in `?next=`.
// Password managers fill it (autocomplete username/current-password) and paste works everywhere.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { portalPaths, safePortalNext } from '../../app/paths';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import styles from '../auth/auth.module.css';
import { usePortalSignIn } from './queries';

export function PortalLoginPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const signIn = usePortalSignIn(tenant);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = search.get('next');
  const reason = search.get('reason');

  const submit = () =>
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(safePortalNext(tenant, next), { replace: true }) });

  const error = signIn.error;
  const wrongCredentials = error instanceof ApiError && error.code === 'invalid-credentials';
  return (
    <StandalonePage>
      <PageHeader title={t('portal.login.title')} subtitle={t('portal.login.subtitle', { tenant })} />
      <div className={styles.stack}>
        {reason === 'expired' && !error && <Notice tone="info">{t('login.expired')}</Notice>}
        {reason === 'password-set' && !error && <Notice tone="success">{t('login.passwordSet')}</Notice>}
        {reason === 'signed-out' && !error && <Notice tone="success">{t('login.signedOut')}</Notice>}
        {wrongCredentials && <Notice tone="error" title={t('login.failed.title')}>{t('login.failed.body')}</Notice>}
        {error && !wrongCredentials && <ErrorState error={error} onRetry={submit} />}
        <Form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <TextField label={t('login.email')} type="email" name="email" autoComplete="username" isRequired value={email} onChange={setEmail} autoFocus />
          <TextField label={t('login.password')} type="password" name="password" autoComplete="current-password" isRequired value={password} onChange={setPassword} />
          <Button type="submit" variant="primary" isPending={signIn.isPending}>
            {signIn.isPending ? t('login.submitting') : t('login.submit')}
          </Button>
        </Form>
        <p className={styles.hint}>{t('portal.login.hint')}</p>
        <p className={styles.hint}>
          <Link href={portalPaths.privacy(tenant)}>{t('portal.footer.privacy')}</Link>
          {' · '}
          <Link href={portalPaths.accessibility()}>{t('portal.footer.accessibility')}</Link>
        </p>
      </div>
    </StandalonePage>
  );
}
