// When to warn of the idle timeout, by the server's word: the server says when the session ends (asking does not
// renew it), the browser counts down from that answer on its own clock, and asks again before acting, so activity
// in this tab or another one, which the server has seen, moves the warning away.
import type { components } from '../../api/client';

export type SessionStatus = components['schemas']['SessionStatusDto'];

export type SessionPhase =
  | { kind: 'unknown' }
  | { kind: 'active'; deadline: number }
  /** `canExtend` is false when the absolute lifetime, not idleness, ends the session: only signing in again helps. */
  | { kind: 'warning'; deadline: number; canExtend: boolean }
  | { kind: 'expired' };

/** A session this close to its end counts as ended: the server's and the browser's clocks are not the same clock. */
export const GRACE_MS = 1_000;
/** After a failed question (a lost connection), ask again this much later. */
export const RETRY_MS = 30_000;

/** How long before the end to warn: two minutes (WCAG 2.2.1 asks for at least 20 s), less for very short timeouts. */
export function warningLead(idleTimeoutSeconds: number): number {
  return Math.min(2 * 60_000, (idleTimeoutSeconds * 1000) / 2);
}

/** The session's end on this browser's clock: the time the server said was left, counted from when its answer came. */
export function deadlineOf(status: SessionStatus, receivedAt: number): number {
  return receivedAt + (Date.parse(status.expiresAt) - Date.parse(status.now));
}

/** What a status means at `at`, on this browser's clock. */
export function phaseOf(status: SessionStatus, receivedAt: number, at: number): SessionPhase {
  const deadline = deadlineOf(status, receivedAt);
  const left = deadline - at;
  if (left <= GRACE_MS) return { kind: 'expired' };
  if (left <= warningLead(status.idleTimeoutSeconds)) return { kind: 'warning', deadline, canExtend: status.absoluteExpiresAt > status.expiresAt };
  return { kind: 'active', deadline };
}

export interface IdleWatchOptions {
  /** The server's status; null when there is no session any more (401). */
  fetchStatus(): Promise<SessionStatus | null>;
  onChange(phase: SessionPhase): void;
}

/** Asks the server when the session ends, and asks again at the warning and at the end: never polls in between. */
export class IdleWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private phase: SessionPhase = { kind: 'unknown' };

  constructor(private readonly options: IdleWatchOptions) {}

  start(): void {
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** A fresh status from elsewhere ("stay signed in" answers one). */
  accept(status: SessionStatus): void {
    this.apply(status, Date.now());
  }

  private async check(): Promise<void> {
    let status: SessionStatus | null;
    try {
      status = await this.options.fetchStatus();
    } catch {
      if (!this.stopped) this.schedule(Date.now() + RETRY_MS);
      return;
    }
    if (this.stopped) return;
    if (status === null) return this.set({ kind: 'expired' });
    this.apply(status, Date.now());
  }

  private apply(status: SessionStatus, receivedAt: number): void {
    if (this.stopped) return;
    const phase = phaseOf(status, receivedAt, Date.now());
    this.set(phase);
    if (phase.kind === 'active') this.schedule(phase.deadline - warningLead(status.idleTimeoutSeconds));
    else if (phase.kind === 'warning') this.schedule(phase.deadline);
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), Math.max(0, at - Date.now()));
  }

  private set(phase: SessionPhase): void {
    if (phase.kind === 'expired') clearTimeout(this.timer);
    const same = phase.kind === this.phase.kind && ('deadline' in phase ? 'deadline' in this.phase && phase.deadline === this.phase.deadline : true);
    this.phase = phase;
    if (!same) this.options.onChange(phase);
  }
}
