// The sign-in page of every realm (business staff, portal customers, platform staff): e-mail and password, the
// notices a `?reason=` brings, the "forgot password?" link, and the realm's own hint below. Password managers
// fill it (autocomplete username/current-password) and paste works everywhere.
import { type ReactNode, useState } from 'react';
import { Form } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import type { UseMutationResult } from '@tanstack/react-query';
import { ApiError } from '../../api/problem';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import styles from './auth.module.css';

export interface Credentials {
  email: string;
  password: string;
}

export interface SignInFormProps<T> {
  title: string;
  subtitle: string;
  signIn: UseMutationResult<T, Error, Credentials>;
  /** Where to go once signed in (the `?next=` page, checked by the realm). */
  onSignedIn: (result: T, next: string | null) => void;
  forgotPasswordHref: string;
  /** A failure the realm explains itself (a suspended business, say); null for the common ones. */
  explain?: (error: ApiError) => ReactNode | null;
  children?: ReactNode;
}

export function SignInForm<T>({ title, subtitle, signIn, onSignedIn, forgotPasswordHref, explain, children }: SignInFormProps<T>) {
  const t = useT();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const reason = search.get('reason');

  const submit = () => signIn.mutate({ email: email.trim(), password }, { onSuccess: (result) => onSignedIn(result, search.get('next')) });

  const error = signIn.error;
  const wrongCredentials = error instanceof ApiError && error.code === 'invalid-credentials';
  const explained = error instanceof ApiError && !wrongCredentials ? (explain?.(error) ?? null) : null;
  return (
    <StandalonePage>
      <PageHeader title={title} subtitle={subtitle} />
      <div className={styles.stack}>
        {reason === 'expired' && !error && <Notice tone="info">{t('login.expired')}</Notice>}
        {reason === 'password-set' && !error && <Notice tone="success">{t('login.passwordSet')}</Notice>}
        {reason === 'password-reset' && !error && <Notice tone="success">{t('passwordReset.done')}</Notice>}
        {reason === 'signed-out' && !error && <Notice tone="success">{t('login.signedOut')}</Notice>}
        {wrongCredentials && <Notice tone="error" title={t('login.failed.title')}>{t('login.failed.body')}</Notice>}
        {explained}
        {error && !wrongCredentials && !explained && <ErrorState error={error} onRetry={submit} />}
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
        <p className={styles.hint}>
          <Link href={forgotPasswordHref}>{t('passwordReset.forgot')}</Link>
        </p>
        {children}
      </div>
    </StandalonePage>
  );
}
