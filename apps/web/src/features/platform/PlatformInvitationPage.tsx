// /platform/invitation#token=…: an invited member of platform staff sets a first password (the link of the
// platform staff invitation e-mail).
import { useT } from '../../i18n/use-t';
import { SetPasswordPage } from '../auth/SetPasswordPage';
import { platformPaths } from './paths';
import { useAcceptPlatformInvitation } from './queries';

export function PlatformInvitationPage() {
  const t = useT();
  return (
    <SetPasswordPage
      title={t('invitation.title')}
      subtitle={t('platform.invitation.subtitle')}
      invalidCode="invitation-invalid"
      invalidTitle={t('invitation.invalid.title')}
      invalidBody={t('platform.invitation.invalid')}
      submit={useAcceptPlatformInvitation()}
      done={`${platformPaths.login()}?reason=password-set`}
      privacy={t('invitation.privacy')}
    />
  );
}
