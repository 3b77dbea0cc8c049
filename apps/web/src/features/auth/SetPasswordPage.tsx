// The page that sets a password from a one-time link (an invitation or a password reset), in every realm. The
// token rides in the fragment (`#token=…`), which the browser never sends to the server, so it reaches no log.
// The rules are said before typing; the server's refusal is shown on the field.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { UseMutationResult } from '@tanstack/react-query';
import { ApiError, fieldErrors } from '../../api/problem';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { PasswordRules, passwordProblem, PASSWORD_MIN } from './PasswordRules';
import styles from './auth.module.css';

export interface SetPasswordPageProps {
  title: string;
  subtitle: string;
  /** The problem code the API answers for a used, expired or made-up token. */
  invalidCode: 'invitation-invalid' | 'reset-token-invalid';
  invalidTitle: string;
  invalidBody: string;
  /** Where to ask for a new link, when the realm offers one (the forgot-password page). */
  again?: { href: string; label: string };
  submit: UseMutationResult<unknown, Error, { token: string; password: string }>;
  /** The sign-in page to go to once the password is set (with `?reason=`). */
  done: string;
  privacy: string;
}

function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && token.length >= 20 ? token : null;
}

export function SetPasswordPage({ title, subtitle, invalidCode, invalidTitle, invalidBody, again, submit: mutation, done, privacy }: SetPasswordPageProps) {
  const t = useT();
  const navigate = useNavigate();
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const invalid = mutation.error instanceof ApiError && mutation.error.code === invalidCode;
  if (!token || invalid) {
    return (
      <StandalonePage>
        <PageHeader title={invalidTitle} />
        <div className={styles.stack}>
          <p>{invalidBody}</p>
          {again && (
            <p>
              <Link href={again.href}>{again.label}</Link>
            </p>
          )}
        </div>
      </StandalonePage>
    );
  }

  // The API refuses short, common, breached or guessable passwords on the password field.
  const refused = fieldErrors(mutation.error, ['password'] as const).byField.password;
  const submit = () => mutation.mutate({ token, password }, { onSuccess: () => void navigate(done, { replace: true }) });
  return (
    <StandalonePage>
      <PageHeader title={title} subtitle={subtitle} />
      <div className={styles.stack}>
        {mutation.error && !refused && <ErrorState error={mutation.error} onRetry={submit} />}
        <Form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <TextField
            label={t('invitation.password')}
            type="password"
            name="password"
            autoComplete="new-password"
            isRequired
            minLength={PASSWORD_MIN}
            value={password}
            onChange={setPassword}
            aria-describedby="password-rules"
            validate={(value) => (value && passwordProblem(value) ? t('invitation.rule.length', { min: PASSWORD_MIN }) : null)}
            errorMessage={refused ? t('password.refused') : undefined}
          />
          <PasswordRules id="password-rules" password={password} />
          <TextField
            label={t('invitation.confirm')}
            type="password"
            name="confirmation"
            autoComplete="new-password"
            isRequired
            value={confirmation}
            onChange={setConfirmation}
            validate={(value) => (value && value !== password ? t('invitation.mismatch') : null)}
          />
          <Button type="submit" variant="primary" isPending={mutation.isPending}>
            {t('invitation.submit')}
          </Button>
        </Form>
        <Notice tone="info" live={false}>
          {privacy}
        </Notice>
      </div>
    </StandalonePage>
  );
}
