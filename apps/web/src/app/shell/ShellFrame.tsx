// The frame the three realms' shells share: skip link, a bar with the brand and the realm's tools, navigation,
// and the main region that hands the signed-in principal to the pages. Each shell fills in what is its own.
import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import styles from './TenantShell.module.css';

export interface ShellNavItem {
  to: string;
  label: string;
  /** Active only on its own path, not below it. */
  end?: boolean;
  /** Set where the shell decides which item is current itself (rather than by the path's prefix). */
  active?: boolean;
}

interface ShellFrameProps {
  home: string;
  title: string;
  subtitle: string;
  tools: ReactNode;
  nav: ShellNavItem[];
  navListClassName?: string;
  /** Notices between the header and the page. */
  announcements?: ReactNode;
  principal: unknown;
  /** After the main region: a footer, the idle-timeout watch. */
  children?: ReactNode;
}

export function ShellFrame({ home, title, subtitle, tools, nav, navListClassName, announcements, principal, children }: ShellFrameProps) {
  const t = useT();
  const linkClass = (active: boolean) => (active ? `${styles.navLink} ${styles.active}` : styles.navLink);
  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <NavLink to={home} className={styles.brand}>
            <span className={styles.mark} aria-hidden="true">R</span>
            <span>
              {title}
              <span className={styles.tenant}>{subtitle}</span>
            </span>
          </NavLink>
          <div className={styles.tools}>{tools}</div>
        </div>
        <nav aria-label={t('nav.label')} className={styles.nav}>
          <ul className={navListClassName}>
            {nav.map((item) => (
              <li key={item.to}>
                {item.active === undefined ? (
                  <NavLink to={item.to} end={item.end} className={({ isActive }) => linkClass(isActive)}>
                    {item.label}
                  </NavLink>
                ) : (
                  <NavLink to={item.to} end={item.end} className={linkClass(item.active)} aria-current={item.active ? 'page' : false}>
                    {item.label}
                  </NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {announcements !== undefined && <div className={styles.announcements}>{announcements}</div>}
      <main id="main" tabIndex={-1} className={styles.main}>
        <Outlet context={principal} />
      </main>
      {children}
    </div>
  );
}

/** Who is signed in, and the button that signs them out (the portal's and the platform's bars). */
export function SignedInAs({ name, role, signingOut, onSignOut }: { name: string; role: ReactNode; signingOut: boolean; onSignOut: () => void }) {
  const t = useT();
  return (
    <div className={styles.user}>
      <span className={styles.who}>
        <span className={styles.name}>{name}</span>
        <span className={styles.role}>{role}</span>
      </span>
      <Button variant="secondary" isPending={signingOut} onPress={onSignOut}>
        {t('shell.signOut')}
      </Button>
    </div>
  );
}
