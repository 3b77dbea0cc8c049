// A wait that says what it waits for; it appears only after a moment, so fast answers do not flicker.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';
import styles from './Loading.module.css';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), 250);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className={styles.loading} role="status" aria-live="polite">
      {shown && (
        <>
          <span className={styles.spinner} aria-hidden="true" />
          <span>{label ?? t('common.loading')}</span>
        </>
      )}
    </div>
  );
}
