// /t/:tenant/invitation#token=…: the invited owner or staff member sets a first password.
import { useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { SetPasswordPage } from './SetPasswordPage';
import { useAcceptInvitation } from './queries';

export function InvitationPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  return (
    <SetPasswordPage
      title={t('invitation.title')}
      subtitle={t('invitation.subtitle', { tenant })}
      invalidCode="invitation-invalid"
      invalidTitle={t('invitation.invalid.title')}
      invalidBody={t('invitation.invalid.body')}
      submit={useAcceptInvitation(tenant)}
      done={`${paths.login(tenant)}?reason=password-set`}
      privacy={t('invitation.privacy')}
    />
  );
}
