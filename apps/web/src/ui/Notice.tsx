// A message box: a quiet status, a success, or an error that needs attention (announced to screen readers).
import type { ReactNode } from 'react';
import styles from './Notice.module.css';

export interface NoticeProps {
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** Errors interrupt (role=alert); other notices wait their turn (role=status). */
  live?: boolean;
}

export function Notice({ tone = 'info', title, children, actions, live = true }: NoticeProps) {
  const role = !live ? undefined : tone === 'error' || tone === 'warning' ? 'alert' : 'status';
  return (
    <div className={`${styles.notice} ${styles[tone]}`} role={role}>
      {title && <p className={styles.title}>{title}</p>}
      {children && <div className={styles.body}>{children}</div>}
      {actions && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}
