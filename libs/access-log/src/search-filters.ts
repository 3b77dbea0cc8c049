// What a search asks for, resolved and checked: the window defaults, its limits, and what the audit records.
import { ValidationProblem } from '@app/core';
import { AccessLogErrorCode, AccessLogException } from './access-log.errors';
import { parseIpFilter } from './ip';

export const IP_FILTER_MESSAGE = 'ip must be an IP address or a network in CIDR form (203.0.113.0/24, 2001:db8::/32)';

/** The justification's bounds, counted without surrounding whitespace (the audit table's CHECK counts the same). */
export const JUSTIFICATION_MIN = 10;
export const JUSTIFICATION_MAX = 2000;
export const JUSTIFICATION_MESSAGE = `justification must say why, in ${JUSTIFICATION_MIN} to ${JUSTIFICATION_MAX} characters (leading and trailing spaces not counted)`;

/**
 * The justification as recorded. Checked here as well as in the DTO: whoever calls the search, an empty or
 * blank reason is the caller's mistake (400), never a failed insert (500).
 */
export function resolveJustification(text: unknown): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length < JUSTIFICATION_MIN || trimmed.length > JUSTIFICATION_MAX) throw new ValidationProblem([{ field: 'justification', message: JUSTIFICATION_MESSAGE }]);
  return trimmed;
}

export const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 30;
/** A month of traffic at most per search: wide enough for "the last 30 days", narrow enough to stay fast. */
export const MAX_WINDOW_DAYS = 31;

export interface FilterInput {
  ip?: string;
  from?: string;
  to?: string;
  tenantId?: string;
  principal?: string;
}

/** The filters as the search runs them and as the audit records them. */
export interface SearchFilters {
  /** An address (203.0.113.7) or a network (203.0.113.0/24). */
  ip?: string;
  from: Date;
  to: Date;
  tenantId?: string;
  principal?: string;
}

export function resolveFilters(input: FilterInput, now: Date): SearchFilters {
  if (!input.ip && !input.tenantId && !input.principal) throw new AccessLogException(AccessLogErrorCode.SelectorRequired);
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AccessLogException(AccessLogErrorCode.WindowInvalid, '`from` and `to` must be ISO 8601 times.');
  if (from >= to) throw new AccessLogException(AccessLogErrorCode.WindowInvalid, '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new AccessLogException(AccessLogErrorCode.WindowInvalid, `A search covers at most ${MAX_WINDOW_DAYS} days.`);
  }
  const ip = input.ip === undefined ? undefined : parseIpFilter(input.ip);
  if (ip === null) throw new ValidationProblem([{ field: 'filters.ip', message: IP_FILTER_MESSAGE }]);
  return { ip, from, to, tenantId: input.tenantId?.toLowerCase(), principal: input.principal?.toLowerCase() };
}

/** The instant before which the log no longer holds anything (whatever partitions are still waiting to be dropped). */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** The UTC calendar day of an instant, as PostgreSQL reads a date (YYYY-MM-DD). */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The filters as JSON for the audit (ISO times, no absent keys). */
export function filtersForAudit(filters: SearchFilters, limit: number): Record<string, string | number> {
  const json: Record<string, string | number> = { from: filters.from.toISOString(), to: filters.to.toISOString(), limit };
  if (filters.ip) json.ip = filters.ip;
  if (filters.tenantId) json.tenantId = filters.tenantId;
  if (filters.principal) json.principal = filters.principal;
  return json;
}
