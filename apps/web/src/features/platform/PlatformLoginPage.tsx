// /platform/login: platform staff sign in; afterwards back to the page in `?next=` (inside the platform console).
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import styles from '../auth/auth.module.css';
import { platformHome } from './navigation';
import { safePlatformNext } from './paths';
import { usePlatformSignIn } from './queries';

export function PlatformLoginPage() {
  const t = useT();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const signIn = usePlatformSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = search.get('next');
  const reason = search.get('reason');

  const submit = () =>
    signIn.mutate({ email: email.trim(), password }, { onSuccess: (me) => void navigate(safePlatformNext(next, platformHome(me.roles)), { replace: true }) });

  const error = signIn.error;
  const wrongCredentials = error instanceof ApiError && error.code === 'invalid-credentials';
  return (
    <StandalonePage>
      <PageHeader title={t('platform.login.title')} subtitle={t('platform.login.subtitle')} />
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
        <p className={styles.hint}>{t('platform.login.hint')}</p>
      </div>
    </StandalonePage>
  );
}
