// How urgent a data-subject request is, from its deadline and a given moment (never "now" implicitly, so tests
// pin the day): whole calendar days left in Finland, and the inbox's order (open ones first, the most urgent first).
import { todayInFinland } from '../invoices/dates';

/** The API's "due soon": within a week (libs/requests DUE_SOON_DAYS). */
export const DUE_SOON_DAYS = 7;
export const OPEN_STATES: readonly string[] = ['received', 'verified', 'in_progress'];

export type Urgency = 'overdue' | 'dueSoon' | 'later' | 'closed';

export interface Deadline {
  state: string;
  dueAt: string;
}

const DAY = 86_400_000;

/** Calendar days (in Finland) from `now` to the deadline: 0 = due today, 1 = tomorrow, -2 = two days ago. */
export function daysLeft(dueAt: string | Date, now: Date): number {
  const day = (d: Date) => Date.parse(`${todayInFinland(d)}T00:00:00Z`);
  return Math.round((day(new Date(dueAt)) - day(now)) / DAY);
}

export function isOpen(request: { state: string }): boolean {
  return OPEN_STATES.includes(request.state);
}

/** Overdue once the deadline's moment has passed (as the API counts it), due soon within a week. */
export function urgencyOf(request: Deadline, now: Date): Urgency {
  if (!isOpen(request)) return 'closed';
  if (new Date(request.dueAt).getTime() < now.getTime()) return 'overdue';
  return daysLeft(request.dueAt, now) <= DUE_SOON_DAYS ? 'dueSoon' : 'later';
}

const RANK: Record<Urgency, number> = { overdue: 0, dueSoon: 1, later: 2, closed: 3 };

/**
 * The inbox's order: overdue, then due soon, then later (each by deadline, the earliest first), then the decided
 * ones, the latest decision first. Stable for equal keys.
 */
export function inboxOrder<R extends Deadline & { id: string; decidedAt?: string | null }>(requests: readonly R[], now: Date): R[] {
  const time = (value: string | null | undefined) => (value ? new Date(value).getTime() : 0);
  return [...requests].sort((a, b) => {
    const ua = urgencyOf(a, now);
    const ub = urgencyOf(b, now);
    if (ua !== ub) return RANK[ua] - RANK[ub];
    if (ua === 'closed') return time(b.decidedAt) - time(a.decidedAt) || a.id.localeCompare(b.id);
    return time(a.dueAt) - time(b.dueAt) || a.id.localeCompare(b.id);
  });
}
