// /t/:tenant/portal/invitation#token=…: the customer invited by e-mail sets a password. The token rides in the
// fragment, which the browser never sends to a server, so it reaches no log. The rules are said before typing.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { portalPaths } from '../../app/paths';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import styles from '../auth/auth.module.css';
import { PasswordRules, passwordProblem, PASSWORD_MIN } from '../auth/PasswordRules';
import { useAcceptPortalInvitation } from './queries';

function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && token.length >= 20 ? token : null;
}

export function PortalInvitationPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const navigate = useNavigate();
  const accept = useAcceptPortalInvitation(tenant);
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const invalid = accept.error instanceof ApiError && accept.error.code === 'invitation-invalid';
  if (!token || invalid) {
    return (
      <StandalonePage>
        <PageHeader title={t('invitation.invalid.title')} />
        <p>{t('portal.invitation.invalid')}</p>
      </StandalonePage>
    );
  }

  const serverErrors = fieldErrors(accept.error, ['password'] as const).byField;
  const submit = () =>
    accept.mutate({ token, password }, { onSuccess: () => void navigate(`${portalPaths.login(tenant)}?reason=password-set`, { replace: true }) });
  return (
    <StandalonePage>
      <PageHeader title={t('invitation.title')} subtitle={t('portal.invitation.subtitle', { tenant })} />
      <div className={styles.stack}>
        {accept.error && !serverErrors.password && <ErrorState error={accept.error} onRetry={submit} />}
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
            errorMessage={serverErrors.password ? t('invitation.rule.length', { min: PASSWORD_MIN }) : undefined}
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
