// /platform/invitation#token=…: an invited member of platform staff sets a first password (the link of the
// platform staff invitation e-mail). The token rides in the fragment, which never reaches the server or a log.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import styles from '../auth/auth.module.css';
import { PasswordRules, passwordProblem, PASSWORD_MIN } from '../auth/PasswordRules';
import { platformPaths } from './paths';
import { useAcceptPlatformInvitation } from './queries';

function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && token.length >= 20 ? token : null;
}

export function PlatformInvitationPage() {
  const t = useT();
  const navigate = useNavigate();
  const accept = useAcceptPlatformInvitation();
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const invalid = accept.error instanceof ApiError && accept.error.code === 'invitation-invalid';
  if (!token || invalid) {
    return (
      <StandalonePage>
        <PageHeader title={t('invitation.invalid.title')} />
        <p>{t('platform.invitation.invalid')}</p>
      </StandalonePage>
    );
  }

  // The API refuses short, common, breached or guessable passwords on the password field.
  const refused = fieldErrors(accept.error, ['password'] as const).byField.password;
  const submit = () => accept.mutate({ token, password }, { onSuccess: () => void navigate(`${platformPaths.login()}?reason=password-set`, { replace: true }) });
  return (
    <StandalonePage>
      <PageHeader title={t('invitation.title')} subtitle={t('platform.invitation.subtitle')} />
      <div className={styles.stack}>
        {accept.error && !refused && <ErrorState error={accept.error} onRetry={submit} />}
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
            errorMessage={refused ? t('platform.invitation.refused') : undefined}
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
          <Button type="submit" variant="primary" isPending={accept.isPending}>
            {t('invitation.submit')}
          </Button>
        </Form>
        <Notice tone="info" live={false}>
          {t('invitation.privacy')}
        </Notice>
      </div>
    </StandalonePage>
  );
}
