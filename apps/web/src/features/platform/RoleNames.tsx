// Platform roles in words.
import { useT, type MessageId } from '../../i18n/use-t';
import type { PlatformRole } from './queries';

export const ROLE_LABELS: Record<PlatformRole, MessageId> = {
  platform_admin: 'platform.role.platform_admin',
  access_log_investigator: 'platform.role.access_log_investigator',
};

export function RoleNames({ roles }: { roles: readonly PlatformRole[] }) {
  const t = useT();
  if (roles.length === 0) return <>{t('platform.role.none')}</>;
  return <>{roles.map((role) => t(ROLE_LABELS[role])).join(', ')}</>;
}
