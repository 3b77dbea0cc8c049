// Opens the command palette: the header's button, or Ctrl+K (⌘K on a Mac) from anywhere in the console. The
// palette's code loads on first use, so neither the sign-in page nor the shell's first paint carries it.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Button as AriaButton } from 'react-aria-components';
import type { TenantRole } from '../navigation';
import { useT } from '../../i18n/use-t';
import styles from './PaletteLauncher.module.css';

const CommandPalette = lazy(() => import('../../features/palette/CommandPalette').then((m) => ({ default: m.CommandPalette })));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function PaletteLauncher({ tenant, role }: { tenant: string; role: TenantRole }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setLoaded(true);
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const shortcut = isMac ? '⌘K' : 'Ctrl+K';
  return (
    <>
      <AriaButton
        className={styles.launcher}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        onPress={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        <span aria-hidden="true" className={styles.icon}>
          ⌕
        </span>
        {t('palette.open')}
        <kbd className={styles.kbd}>{shortcut}</kbd>
      </AriaButton>
      {loaded && (
        <Suspense fallback={null}>
          <CommandPalette tenant={tenant} role={role} isOpen={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}
