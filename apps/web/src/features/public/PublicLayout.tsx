// A public page (unsubscribe, privacy statement, accessibility statement): the product's name and the
// language at the top, the content in a readable column, the accessibility statement linked at the foot.
import type { ReactNode } from 'react';
import { portalPaths } from '../../app/paths';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import styles from './public.module.css';

export function PublicLayout({ children, narrow }: { children: ReactNode; narrow?: boolean }) {
  const t = useT();
  return (
    <div className={styles.page}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.top}>
        <span className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">R</span>
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <div className={narrow ? `${styles.column} ${styles.narrow}` : styles.column}>{children}</div>
      </main>
      <footer className={styles.footer}>
        <Link href={portalPaths.accessibility()}>{t('portal.footer.accessibility')}</Link>
      </footer>
    </div>
  );
}
