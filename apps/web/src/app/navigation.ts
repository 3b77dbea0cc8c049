// The shell's navigation: which areas each role sees. Add an area here when its pages exist.
import type { MessageId } from '../i18n/use-t';

export type TenantRole = 'owner' | 'staff';

export interface NavItem {
  /** Relative to /t/:tenant/. */
  to: string;
  label: MessageId;
  roles: readonly TenantRole[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: 'customers', label: 'nav.customers', roles: ['owner', 'staff'] },
  { to: 'invoices', label: 'nav.invoices', roles: ['owner', 'staff'] },
  { to: 'invoices/bank', label: 'nav.bankImport', roles: ['owner'] },
  { to: 'requests', label: 'rights.nav.requests', roles: ['owner', 'staff'] },
  { to: 'staff', label: 'nav.staff', roles: ['owner'] },
  // The owner's oversight of the register (GET t/:tenant/register is open to staff, but only owners change it).
  { to: 'settings', label: 'nav.settings', roles: ['owner'] },
  { to: 'incidents', label: 'nav.incidents', roles: ['owner'] },
  { to: 'access-transparency', label: 'nav.accessTransparency', roles: ['owner'] },
  { to: 'retention', label: 'nav.retention', roles: ['owner'] },
];

export function navFor(role: TenantRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/**
 * The one area the page at `path` (relative to /t/:tenant/) belongs to: the longest item that prefixes it, so
 * that invoices/bank is the bank's area and not also the invoices'.
 */
export function currentNavItem(items: readonly NavItem[], path: string): NavItem | undefined {
  const inside = (item: NavItem) => path === item.to || path.startsWith(`${item.to}/`);
  return items.filter(inside).sort((a, b) => b.to.length - a.to.length)[0];
}
