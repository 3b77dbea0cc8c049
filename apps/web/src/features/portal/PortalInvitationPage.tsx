// /t/:tenant/portal/invitation#token=…: the customer invited by e-mail sets a password.
import { useParams } from 'react-router';
import { portalPaths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { SetPasswordPage } from '../auth/SetPasswordPage';
import { useAcceptPortalInvitation } from './queries';

export function PortalInvitationPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  return (
    <SetPasswordPage
      title={t('invitation.title')}
      subtitle={t('portal.invitation.subtitle', { tenant })}
      invalidCode="invitation-invalid"
      invalidTitle={t('invitation.invalid.title')}
      invalidBody={t('portal.invitation.invalid')}
      submit={useAcceptPortalInvitation(tenant)}
      done={`${portalPaths.login(tenant)}?reason=password-set`}
      privacy={t('invitation.privacy')}
    />
  );
}
