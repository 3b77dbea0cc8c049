// One-time tokens: the client gets random bytes, the database keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

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
