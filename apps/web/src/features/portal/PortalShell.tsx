// The customer portal's own shell (not the staff console's): skip link, the business's portal, the customer's
// three areas, language and sign-out; links to the privacy and accessibility statements at the foot.
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { portalPaths } from '../../app/paths';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { StandalonePage } from '../../app/shell/StandalonePage';
import shell from '../../app/shell/TenantShell.module.css';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { type PortalMe, usePortalMe, usePortalSignOut } from './queries';
import styles from './portal.module.css';

/** What the portal's pages get from the shell: everything held on the signed-in customer. */
export function usePortalContext(): PortalMe {
  return useOutletContext<PortalMe>();
}

export function PortalShell() {
  const t = useT();
  const tenant = useParams().tenant!;
  const location = useLocation();
  const me = usePortalMe(tenant);

  if (me.isPending) {
    return (
      <StandalonePage>
        <Loading label={t('portal.shell.loading')} />
      </StandalonePage>
    );
  }
  if (me.error) {
    // No session here, or one for another business: sign in to this one, then come back.
    if (me.error instanceof ApiError && (me.error.kind === 'unauthenticated' || me.error.kind === 'not-found')) {
      return <Navigate to={portalPaths.login(tenant, location.pathname + location.search)} replace />;
    }
    return (
      <StandalonePage>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </StandalonePage>
    );
  }
  return <Shell tenant={tenant} me={me.data} />;
}

function Shell({ tenant, me }: { tenant: string; me: PortalMe }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = usePortalSignOut(tenant, () => navigate(`${portalPaths.login(tenant)}?reason=signed-out`, { replace: true, flushSync: true }));
  const items = [
    { to: portalPaths.home(tenant), label: t('portal.nav.data'), end: true },
    { to: portalPaths.marketing(tenant), label: t('portal.nav.marketing'), end: false },
    { to: portalPaths.requests(tenant), label: t('portal.nav.requests'), end: false },
  ];
  const name = [me.profile.billingFirstName, me.profile.billingLastName].filter(Boolean).join(' ') || me.profile.contactName || me.profile.companyName || me.profile.email || '';
  return (
    <div className={shell.shell}>
      <a className={shell.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={shell.header}>
        <div className={shell.bar}>
          <NavLink to={portalPaths.home(tenant)} className={shell.brand}>
            <span className={shell.mark} aria-hidden="true">R</span>
            <span>
              {t('portal.shell.title')}
              <span className={shell.tenant}>{me.tenantName}</span>
            </span>
          </NavLink>
          <div className={shell.tools}>
            <LanguageSwitch />
            <div className={shell.user}>
              <span className={shell.who}>
                <span className={shell.name}>{name}</span>
                <span className={shell.role}>{t('portal.shell.customer')}</span>
              </span>
              <Button variant="secondary" isPending={signOut.isPending} onPress={() => signOut.mutate()}>
                {t('shell.signOut')}
              </Button>
            </div>
          </div>
        </div>
        <nav aria-label={t('nav.label')} className={shell.nav}>
          <ul className={styles.navList}>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className={({ isActive }) => (isActive ? `${shell.navLink} ${shell.active}` : shell.navLink)}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={shell.main}>
        <Outlet context={me} />
      </main>
      <footer className={styles.footer}>
        <Link href={portalPaths.privacy(tenant)}>{t('portal.footer.privacy')}</Link>
        <Link href={portalPaths.accessibility()}>{t('portal.footer.accessibility')}</Link>
      </footer>
    </div>
  );
}
