// A single-use link to a completed access request's export, for a person without portal access: 32 random
// bytes in the link, their SHA-256 in the table, valid for EXPORT_LINK_DAYS, spent by the first download.
import { randomUUID } from 'node:crypto';
import { newToken } from '@app/core';
import type { RequestsRepository } from './requests.repository';

export const EXPORT_LINK_DAYS = 7;

/** Issues a link in the open transaction; an earlier unspent link of the same request stops working. */
export async function issueExportLink(links: RequestsRepository, input: { requestId: string; now: Date; actor: string; origin: string; slug: string }): Promise<{ linkUrl: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(input.now.getTime() + EXPORT_LINK_DAYS * 86_400_000);
  await links.expireLiveExportLinks(input.requestId, input.now);
  links.createExportLink({ id: randomUUID(), requestId: input.requestId, tokenHash: hash, createdAt: input.now, expiresAt, usedAt: null, createdBy: input.actor });
  return { linkUrl: `${input.origin}/api/t/${input.slug}/export-links/${token}`, expiresAt };
}
