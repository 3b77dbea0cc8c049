// Sign-in at /t/:tenant/login; afterwards back to the page in `?next=` (where a lapsed session left the user).
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { safeNext } from '../../app/paths';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { useSignIn } from './queries';
import styles from './auth.module.css';

export function LoginPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn(tenant);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = search.get('next');
  const reason = search.get('reason');

  const submit = () =>
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(safeNext(tenant, next), { replace: true }) });

  const error = signIn.error;
  const wrongCredentials = error instanceof ApiError && error.code === 'invalid-credentials';
  const suspended = error instanceof ApiError && error.code === 'tenant-suspended';
  return (
    <StandalonePage>
      <PageHeader title={t('login.title')} subtitle={t('login.subtitle', { tenant })} />
      <div className={styles.stack}>
        {reason === 'expired' && !error && <Notice tone="info">{t('login.expired')}</Notice>}
        {reason === 'password-set' && !error && <Notice tone="success">{t('login.passwordSet')}</Notice>}
        {reason === 'signed-out' && !error && <Notice tone="success">{t('login.signedOut')}</Notice>}
        {wrongCredentials && <Notice tone="error" title={t('login.failed.title')}>{t('login.failed.body')}</Notice>}
        {suspended && <Notice tone="error" title={t('platform.tenantLogin.suspended.title')}>{t('platform.tenantLogin.suspended.body')}</Notice>}
        {error && !wrongCredentials && !suspended && <ErrorState error={error} onRetry={submit} />}
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
        <p className={styles.hint}>{t('login.invitationHint')}</p>
      </div>
    </StandalonePage>
  );
}

