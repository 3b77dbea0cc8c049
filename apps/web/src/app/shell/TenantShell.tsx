// The signed-in console of a tenant's staff: skip link, header with navigation by role, the command palette,
// language, the account menu (end other sessions, sign out), and the idle-timeout warning.
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { type Me, useMe, useSignOut } from '../../features/auth/queries';
import { useEndOtherSessions } from '../../features/session/queries';
import { SessionWatch } from '../../features/session/SessionWatch';
import { LeavingBanner } from '../../features/settings/LeavingBanner';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { currentNavItem, navFor } from '../navigation';
import { paths } from '../paths';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { PaletteLauncher } from './PaletteLauncher';
import { StandalonePage } from './StandalonePage';
import styles from './TenantShell.module.css';

export function TenantShell() {
  const t = useT();
  const tenant = useParams().tenant!;
  const location = useLocation();
  const me = useMe(tenant);

  if (me.isPending) {
    return (
      <StandalonePage>
        <Loading label={t('shell.loading')} />
      </StandalonePage>
    );
  }
  if (me.error) {
    // No session here, or one for another business: sign in to this one, then come back.
    if (me.error instanceof ApiError && (me.error.kind === 'unauthenticated' || me.error.kind === 'not-found')) {
      return <Navigate to={paths.login(tenant, location.pathname + location.search)} replace />;
    }
    return (
      <StandalonePage>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </StandalonePage>
    );
  }
  return <Shell tenant={tenant} me={me.data} />;
}

function Shell({ tenant, me }: { tenant: string; me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = useSignOut(tenant, () => navigate(`${paths.login(tenant)}?reason=signed-out`, { replace: true, flushSync: true }));
  const endOthers = useEndOtherSessions(tenant);
  const location = useLocation();
  const current = currentNavItem(navFor(me.role), location.pathname.slice(`/t/${tenant}/`.length));
  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <NavLink to={paths.home(tenant)} className={styles.brand}>
            <span className={styles.mark} aria-hidden="true">R</span>
            <span>
              {t('app.name')}
              <span className={styles.tenant}>{tenant}</span>
            </span>
          </NavLink>
          <div className={styles.tools}>
            <PaletteLauncher tenant={tenant} role={me.role} />
            <LanguageSwitch />
            <AccountMenu me={me} busy={signOut.isPending} onSignOut={() => signOut.mutate()} onEndOthers={() => endOthers.mutate()} />
          </div>
        </div>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <ul>
            {navFor(me.role).map((item) => (
              <li key={item.to}>
                <NavLink
                  to={`/t/${tenant}/${item.to}`}
                  className={item === current ? `${styles.navLink} ${styles.active}` : styles.navLink}
                  aria-current={item === current ? 'page' : false}
                >
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div className={styles.announcements}>
        <LeavingBanner tenant={tenant} />
        {endOthers.isSuccess && <Notice tone="success">{t('account.endedOthers', { count: endOthers.data.ended })}</Notice>}
        {endOthers.error && <ErrorState error={endOthers.error} onRetry={() => endOthers.mutate()} />}
      </div>
      <main id="main" tabIndex={-1} className={styles.main}>
        <Outlet context={me} />
      </main>
      <SessionWatch tenant={tenant} onSignOut={() => signOut.mutate()} signingOut={signOut.isPending} />
    </div>
  );
}
