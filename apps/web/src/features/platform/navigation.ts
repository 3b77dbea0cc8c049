// The platform console's navigation: each role sees only what it can open (the API's @PlatformAccess rules).
import type { MessageId } from '../../i18n/use-t';
import { platformPaths } from './paths';

export type PlatformRole = 'platform_admin' | 'access_log_investigator';

export interface PlatformNavItem {
  to: string;
  label: MessageId;
  roles: readonly PlatformRole[];
}

export const PLATFORM_NAV: readonly PlatformNavItem[] = [
  { to: platformPaths.tenants(), label: 'platform.nav.tenants', roles: ['platform_admin'] },
  { to: platformPaths.staff(), label: 'platform.nav.staff', roles: ['platform_admin'] },
  // Investigators search; admins read the audit of searches, with the addresses redacted.
  { to: platformPaths.accessLog(), label: 'platform.nav.accessLog', roles: ['access_log_investigator', 'platform_admin'] },
  { to: platformPaths.processingRecord(), label: 'platform.nav.processingRecord', roles: ['platform_admin'] },
  { to: platformPaths.incidents(), label: 'platform.nav.incidents', roles: ['platform_admin'] },
];

export function platformNavFor(roles: readonly PlatformRole[]): PlatformNavItem[] {
  return PLATFORM_NAV.filter((item) => item.roles.some((role) => roles.includes(role)));
}

export function can(roles: readonly PlatformRole[], role: PlatformRole): boolean {
  return roles.includes(role);
}

/** The first page a member of staff can open. */
export function platformHome(roles: readonly PlatformRole[]): string {
  return platformNavFor(roles)[0]?.to ?? platformPaths.accessLog();
}
