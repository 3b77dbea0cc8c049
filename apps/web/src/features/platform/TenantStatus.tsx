// A tenant's status in words (not by colour alone).
import { useT } from '../../i18n/use-t';
import styles from './platform.module.css';

export function TenantStatusBadge({ status }: { status: string }) {
  const t = useT();
  const suspended = status === 'suspended';
  const left = status === 'left';
  return (
    <span className={`${styles.status} ${suspended || left ? styles.statusSuspended : styles.statusActive}`}>
      {t(left ? 'platform.tenant.status.left' : suspended ? 'platform.tenant.status.suspended' : 'platform.tenant.status.active')}
    </span>
  );
}
