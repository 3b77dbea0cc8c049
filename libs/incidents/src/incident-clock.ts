// The 72-hour clock: platform staff must inform each affected controller (tenant) within 72 hours of
// discovering a breach, so that the controller can meet its own Art. 33 duty towards the authority.

export const CONTROLLER_DEADLINE_HOURS = 72;

export type ClockState = 'pending' | 'overdue' | 'informed_in_time' | 'informed_late';

export interface ControllerClock {
  deadline: Date;
  state: ClockState;
  /** Time left to inform the controller; only while pending. */
  remainingSeconds: number | null;
  /** How far past the deadline: now (overdue) or when the controller was informed (informed late). */
  overdueSeconds: number | null;
}

export function controllerDeadline(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + CONTROLLER_DEADLINE_HOURS * 3_600_000);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function controllerClock(discoveredAt: Date, informedAt: Date | null, now: Date): ControllerClock {
  const deadline = controllerDeadline(discoveredAt);
  if (informedAt) {
    const late = informedAt.getTime() > deadline.getTime();
    return { deadline, state: late ? 'informed_late' : 'informed_in_time', remainingSeconds: null, overdueSeconds: late ? seconds(informedAt.getTime() - deadline.getTime()) : null };
  }
  const left = deadline.getTime() - now.getTime();
  return left > 0
    ? { deadline, state: 'pending', remainingSeconds: seconds(left), overdueSeconds: null }
    : { deadline, state: 'overdue', remainingSeconds: null, overdueSeconds: seconds(now.getTime() - deadline.getTime()) };
}

const SEVERITY: ClockState[] = ['informed_in_time', 'informed_late', 'pending', 'overdue'];

/**
 * The incident's clock as a whole: the worst of its tenants' (one overdue controller makes the incident
 * overdue), with the shortest time left while any is pending.
 */
export function incidentClock(discoveredAt: Date, tenants: ControllerClock[], now: Date): ControllerClock {
  if (tenants.length === 0) return controllerClock(discoveredAt, null, now);
  const worst = tenants.reduce((a, b) => (SEVERITY.indexOf(b.state) > SEVERITY.indexOf(a.state) ? b : a));
  const overdue = tenants.map((t) => t.overdueSeconds ?? 0);
  return { ...worst, overdueSeconds: worst.overdueSeconds === null ? null : Math.max(...overdue) };
}
