// A page outside the signed-in shell (sign-in, invitation, not found): the product's name, one card, the language.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { LanguageSwitch } from './LanguageSwitch';
import styles from './StandalonePage.module.css';

export function StandalonePage({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <span className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">R</span>
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <div className={styles.card}>{children}</div>
      </main>
    </div>
  );
}
