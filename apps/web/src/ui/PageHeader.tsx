// The page's title (the one h1 the shell focuses after navigation) and its main actions.
import type { ReactNode } from 'react';
import styles from './PageHeader.module.css';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        <h1 className={styles.title} tabIndex={-1} data-page-title>
          {title}
        </h1>
        {subtitle && <p className={styles.subtitle}>{subtitle}</p>}
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </header>
  );
}
