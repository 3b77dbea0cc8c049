// The signed-in console of a tenant's staff: skip link, header with navigation by role, language and sign-out.
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { type Me, useMe, useSignOut } from '../../features/auth/queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { navFor } from '../navigation';
import { paths } from '../paths';
import { LanguageSwitch } from './LanguageSwitch';
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
            <LanguageSwitch />
            <UserMenu tenant={tenant} me={me} />
          </div>
        </div>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <ul>
            {navFor(me.role).map((item) => (
              <li key={item.to}>
                <NavLink to={`/t/${tenant}/${item.to}`} className={({ isActive }) => (isActive ? `${styles.navLink} ${styles.active}` : styles.navLink)}>
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

function UserMenu({ tenant, me }: { tenant: string; me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = useSignOut(tenant, () => void navigate(`${paths.login(tenant)}?reason=signed-out`, { replace: true, flushSync: true }));
  return (
    <div className={styles.user}>
      <span className={styles.who}>
        <span className={styles.name}>{me.name}</span>
        <span className={styles.role}>{t(me.role === 'owner' ? 'role.owner' : 'role.staff')}</span>
      </span>
      <Button
        variant="secondary"
        isPending={signOut.isPending}
        onPress={() => signOut.mutate()}
      >
        {t('shell.signOut')}
      </Button>
    </div>
  );
}
