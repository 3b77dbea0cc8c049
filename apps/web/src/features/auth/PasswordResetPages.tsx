// Forgot password (…/forgot-password) and the page the reset e-mail links to (…/reset-password#token=…), once
// for the three realms: business staff (/t/:tenant), portal customers (/t/:tenant/portal), platform staff (/platform).
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import { paths, portalPaths } from '../../app/paths';
import { StandalonePage } from '../../app/shell/StandalonePage';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { platformPaths } from '../platform/paths';
import { type AccountRealm, useCompletePasswordReset, useRequestPasswordReset } from './queries';
import { SetPasswordPage } from './SetPasswordPage';
import styles from './auth.module.css';

/** Each realm's sign-in and forgot-password pages. */
function realmPaths(realm: AccountRealm, tenant: string): { login: string; forgot: string } {
  if (realm === 'platform') return { login: platformPaths.login(), forgot: platformPaths.forgotPassword() };
  if (realm === 'portal') return { login: portalPaths.login(tenant), forgot: portalPaths.forgotPassword(tenant) };
  return { login: paths.login(tenant), forgot: paths.forgotPassword(tenant) };
}

function ForgotPasswordPage({ realm }: { realm: AccountRealm }) {
  const t = useT();
  const tenant = useParams().tenant ?? '';
  const request = useRequestPasswordReset(realm, tenant);
  const [email, setEmail] = useState('');
  const submit = () => request.mutate({ email: email.trim() });
  return (
    <StandalonePage>
      <PageHeader title={t('passwordReset.request.title')} subtitle={t('passwordReset.request.subtitle')} />
      <div className={styles.stack}>
        {request.isSuccess ? (
          <Notice tone="success" title={t('passwordReset.request.sent.title')}>
            {t('passwordReset.request.sent.body', { email: email.trim() })}
          </Notice>
        ) : (
          <>
            {request.error && <ErrorState error={request.error} onRetry={submit} />}
            <Form
              className={styles.form}
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <TextField label={t('login.email')} type="email" name="email" autoComplete="username" isRequired value={email} onChange={setEmail} autoFocus />
              <Button type="submit" variant="primary" isPending={request.isPending}>
                {t('passwordReset.request.submit')}
              </Button>
            </Form>
          </>
        )}
        <p className={styles.hint}>
          <Link href={realmPaths(realm, tenant).login}>{t('passwordReset.backToSignIn')}</Link>
        </p>
      </div>
    </StandalonePage>
  );
}

function ResetPasswordPage({ realm }: { realm: AccountRealm }) {
  const t = useT();
  const tenant = useParams().tenant ?? '';
  const where = realmPaths(realm, tenant);
  return (
    <SetPasswordPage
      title={t('passwordReset.title')}
      subtitle={t('passwordReset.subtitle')}
      invalidCode="reset-token-invalid"
      invalidTitle={t('passwordReset.invalid.title')}
      invalidBody={t('passwordReset.invalid.body')}
      again={{ href: where.forgot, label: t('passwordReset.invalid.again') }}
      submit={useCompletePasswordReset(realm, tenant)}
      done={`${where.login}?reason=password-reset`}
      privacy={t('passwordReset.privacy')}
    />
  );
}

export const TenantForgotPasswordPage = () => <ForgotPasswordPage realm="tenant" />;
export const PortalForgotPasswordPage = () => <ForgotPasswordPage realm="portal" />;
export const PlatformForgotPasswordPage = () => <ForgotPasswordPage realm="platform" />;
export const TenantResetPasswordPage = () => <ResetPasswordPage realm="tenant" />;
export const PortalResetPasswordPage = () => <ResetPasswordPage realm="portal" />;
export const PlatformResetPasswordPage = () => <ResetPasswordPage realm="platform" />;
