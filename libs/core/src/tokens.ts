// One-time tokens: the client gets random bytes, the database keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Realm } from './principal';

/** How long an invitation link works, in every realm (platform staff, tenant staff, portal customers). */
export const INVITATION_DAYS = 7;
/** How long a password reset link works. */
export const PASSWORD_RESET_MINUTES = 60;

/** When an invitation issued at `from` stops working. */
export function invitationExpiry(from: Date = new Date()): Date {
  return new Date(from.getTime() + INVITATION_DAYS * 86_400_000);
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The web console's pages that take a token from a mailed link. */
export type AccountLinkPage = 'invitation' | 'reset-password';

/** Where the console is served from: the public origin, or this machine in development and tests. */
export function consoleOrigin(config: { publicOrigin?: string; port: number }): string {
  return config.publicOrigin ?? `http://localhost:${config.port}`;
}

/**
 * The link mailed for an invitation or a password reset, one scheme for the three realms: platform staff's pages
 * under /platform, a tenant's staff's under /t/:slug, its customers' under /t/:slug/portal.
 */
export function accountLink(origin: string, realm: Realm, slug: string | null, page: AccountLinkPage, token: string): string {
  const base = realm === 'platform' ? '/platform' : realm === 'tenant-staff' ? `/t/${slug}` : `/t/${slug}/portal`;
  // The token rides in the fragment, which browsers never send to servers or write to access logs.
  return `${origin}${base}/${page}#token=${token}`;
}
