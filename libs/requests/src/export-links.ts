// A single-use link to a completed access request's export, for a person without portal access: 32 random
// bytes in the link, their SHA-256 in the table, valid for EXPORT_LINK_DAYS, spent by the first download.
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { newToken } from '@app/core';
import { ExportLink } from './request.entity';

export const EXPORT_LINK_DAYS = 7;

/** Issues a link in the caller's transaction; an earlier unspent link of the same request stops working. */
export async function issueExportLink(em: EntityManager, input: { requestId: string; now: Date; actor: string; origin: string; slug: string }): Promise<{ linkUrl: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(input.now.getTime() + EXPORT_LINK_DAYS * 86_400_000);
  await em.nativeUpdate(ExportLink, { requestId: input.requestId, usedAt: null, expiresAt: { $gt: input.now } }, { expiresAt: input.now });
  em.create(ExportLink, { id: randomUUID(), requestId: input.requestId, tokenHash: hash, createdAt: input.now, expiresAt, usedAt: null, createdBy: input.actor });
  return { linkUrl: `${input.origin}/api/t/${input.slug}/export-links/${token}`, expiresAt };
}
