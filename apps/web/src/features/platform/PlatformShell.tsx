// The signed-in platform console: platform staff are not a tenant's staff, so it has its own shell, with the
// navigation each platform role can open, the language and sign-out. Without a platform session: sign-in.
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useOutletContext } from 'react-router';
import { ApiError } from '../../api/problem';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { StandalonePage } from '../../app/shell/StandalonePage';
import styles from '../../app/shell/TenantShell.module.css';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { platformHome, platformNavFor } from './navigation';
import { platformPaths } from './paths';
import { type PlatformMe, usePlatformMe, usePlatformSignOut } from './queries';
import { RoleNames } from './RoleNames';

export function PlatformShell() {
  const t = useT();
  const location = useLocation();
  const me = usePlatformMe();

  if (me.isPending) {
    return (
      <StandalonePage>
        <Loading label={t('platform.shell.loading')} />
      </StandalonePage>
    );
  }
  if (me.error) {
    // No platform session (or a tenant's session, which the platform refuses): sign in, then come back.
    if (me.error instanceof ApiError && (me.error.kind === 'unauthenticated' || me.error.kind === 'forbidden')) {
      return <Navigate to={platformPaths.login(location.pathname + location.search)} replace />;
    }
    return (
      <StandalonePage>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </StandalonePage>
    );
  }
  if (location.pathname.replace(/\/$/, '') === '/platform') return <Navigate to={platformHome(me.data.roles)} replace />;
  return <Shell me={me.data} />;
}

/** The signed-in member of platform staff, for the pages under the shell. */
export function usePlatformPrincipal(): PlatformMe {
  return useOutletContext<PlatformMe>();
}

function Shell({ me }: { me: PlatformMe }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = usePlatformSignOut(() => navigate(`${platformPaths.login()}?reason=signed-out`, { replace: true, flushSync: true }));
  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <NavLink to={platformHome(me.roles)} className={styles.brand}>
            <span className={styles.mark} aria-hidden="true">R</span>
            <span>
              {t('app.name')}
              <span className={styles.tenant}>{t('platform.shell.area')}</span>
            </span>
          </NavLink>
          <div className={styles.tools}>
            <LanguageSwitch />
            <div className={styles.user}>
              <span className={styles.who}>
                <span className={styles.name}>{me.name}</span>
                <span className={styles.role}>
                  <RoleNames roles={me.roles} />
                </span>
              </span>
              <Button variant="secondary" isPending={signOut.isPending} onPress={() => signOut.mutate()}>
                {t('shell.signOut')}
              </Button>
            </div>
          </div>
        </div>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <ul>
            {platformNavFor(me.roles).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => (isActive ? `${styles.navLink} ${styles.active}` : styles.navLink)}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <Outlet context={me} />
      </main>
    </div>
  );
}
