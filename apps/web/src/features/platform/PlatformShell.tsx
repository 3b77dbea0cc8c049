// The signed-in platform console: platform staff are not a tenant's staff, so it has its own shell, with the
// navigation each platform role can open, the language and sign-out. Without a platform session: sign-in.
import { Navigate, useLocation, useOutletContext } from 'react-router';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { SessionGate, useLeaveAfterSignOut } from '../../app/shell/SessionGate';
import { ShellFrame, SignedInAs } from '../../app/shell/ShellFrame';
import { useT } from '../../i18n/use-t';
import { platformHome, platformNavFor } from './navigation';
import { platformPaths } from './paths';
import { type PlatformMe, usePlatformMe, usePlatformSignOut } from './queries';
import { RoleNames } from './RoleNames';

export function PlatformShell() {
  const t = useT();
  const me = usePlatformMe();
  const location = useLocation();
  // A tenant's session is refused here (403): sign in as platform staff, then come back.
  return (
    <SessionGate me={me} loadingLabel={t('platform.shell.loading')} signIn={platformPaths.login} refusedAs="forbidden">
      {(me) => (location.pathname.replace(/\/$/, '') === '/platform' ? <Navigate to={platformHome(me.roles)} replace /> : <Shell me={me} />)}
    </SessionGate>
  );
}

/** The signed-in member of platform staff, for the pages under the shell. */
export function usePlatformPrincipal(): PlatformMe {
  return useOutletContext<PlatformMe>();
}

function Shell({ me }: { me: PlatformMe }) {
  const t = useT();
  const signOut = usePlatformSignOut(useLeaveAfterSignOut(platformPaths.login()));
  return (
    <ShellFrame
      home={platformHome(me.roles)}
      title={t('app.name')}
      subtitle={t('platform.shell.area')}
      tools={
        <>
          <LanguageSwitch />
          <SignedInAs name={me.name} role={<RoleNames roles={me.roles} />} signingOut={signOut.isPending} onSignOut={() => signOut.mutate()} />
        </>
      }
      nav={platformNavFor(me.roles).map((item) => ({ to: item.to, label: t(item.label) }))}
      principal={me}
    />
  );
}
