// The signed-in console of a tenant's staff: skip link, header with navigation by role, the command palette,
// language, the account menu (end other sessions, sign out), and the idle-timeout warning.
import { useLocation, useParams } from 'react-router';
import { type Me, useMe, useSignOut } from '../../features/auth/queries';
import { useEndOtherSessions } from '../../features/session/queries';
import { SessionWatch } from '../../features/session/SessionWatch';
import { LeavingBanner } from '../../features/settings/LeavingBanner';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { ErrorState } from '../../ui/ErrorState';
import { currentNavItem, navFor } from '../navigation';
import { paths } from '../paths';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { PaletteLauncher } from './PaletteLauncher';
import { SessionGate, useLeaveAfterSignOut } from './SessionGate';
import { ShellFrame } from './ShellFrame';

export function TenantShell() {
  const t = useT();
  const tenant = useParams().tenant!;
  const me = useMe(tenant);
  // A session for another business answers 404 here: sign in to this one, then come back.
  return (
    <SessionGate me={me} loadingLabel={t('shell.loading')} signIn={(returnTo) => paths.login(tenant, returnTo)} refusedAs="not-found">
      {(me) => <Shell tenant={tenant} me={me} />}
    </SessionGate>
  );
}

function Shell({ tenant, me }: { tenant: string; me: Me }) {
  const t = useT();
  const signOut = useSignOut(tenant, useLeaveAfterSignOut(paths.login(tenant)));
  const endOthers = useEndOtherSessions(tenant);
  const location = useLocation();
  const items = navFor(me.role);
  const current = currentNavItem(items, location.pathname.slice(`/t/${tenant}/`.length));
  return (
    <ShellFrame
      home={paths.home(tenant)}
      title={t('app.name')}
      subtitle={tenant}
      tools={
        <>
          <PaletteLauncher tenant={tenant} role={me.role} />
          <LanguageSwitch />
          <AccountMenu me={me} busy={signOut.isPending} onSignOut={() => signOut.mutate()} onEndOthers={() => endOthers.mutate()} />
        </>
      }
      nav={items.map((item) => ({ to: `/t/${tenant}/${item.to}`, label: t(item.label), active: item === current }))}
      announcements={
        <>
          <LeavingBanner tenant={tenant} />
          {endOthers.isSuccess && <Notice tone="success">{t('account.endedOthers', { count: endOthers.data.ended })}</Notice>}
          {endOthers.error && <ErrorState error={endOthers.error} onRetry={() => endOthers.mutate()} />}
        </>
      }
      principal={me}
    >
      <SessionWatch tenant={tenant} onSignOut={() => signOut.mutate()} signingOut={signOut.isPending} />
    </ShellFrame>
  );
}
