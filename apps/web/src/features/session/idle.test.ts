import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch, RETRY_MS, type SessionPhase, type SessionStatus, warningLead } from './idle';

const MIN = 60_000;
// The server's clock runs an hour and seven seconds ahead of the browser's: only the server's differences count.
const SKEW = 60 * MIN + 7_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

/** The server's answer at the browser's `Date.now()`, with `idleLeft` ms to the idle end. */
function status(idleLeft: number, options: { absoluteLeft?: number; idleTimeoutSeconds?: number } = {}): SessionStatus {
  const now = Date.now() + SKEW;
  const idle = now + idleLeft;
  const absolute = now + (options.absoluteLeft ?? 10 * 60 * MIN);
  return {
    now: new Date(now).toISOString(),
    idleExpiresAt: new Date(idle).toISOString(),
    absoluteExpiresAt: new Date(absolute).toISOString(),
    expiresAt: new Date(Math.min(idle, absolute)).toISOString(),
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? 30 * 60,
  };
}

function watch(answers: Array<() => SessionStatus | null | Error>) {
  const phases: SessionPhase[] = [];
  const fetchStatus = vi.fn(async () => {
    const answer = (answers.shift() ?? (() => new Error('no more answers')))();
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const idle = new IdleWatch({ fetchStatus, onChange: (phase) => phases.push(phase) });
  return { idle, phases, fetchStatus, kinds: () => phases.map((p) => p.kind) };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('IdleWatch', () => {
  it('warns two minutes before the end the server names, whatever the clocks say, and asks nothing in between', async () => {
    const w = watch([() => status(30 * MIN), () => status(2 * MIN)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.kinds()).toEqual(['active']);
    expect(w.phases[0]).toEqual({ kind: 'active', deadline: T0 + 30 * MIN });
    await vi.advanceTimersByTimeAsync(28 * MIN - 1);
    expect(w.fetchStatus).toHaveBeenCalledTimes(1);
    expect(w.kinds()).toEqual(['active']);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.fetchStatus).toHaveBeenCalledTimes(2);
    expect(w.phases.at(-1)).toEqual({ kind: 'warning', deadline: T0 + 30 * MIN, canExtend: true });
    w.idle.stop();
  });

  it('does not warn when the server has seen activity meanwhile (this tab or another), and waits for the new end', async () => {
    const w = watch([() => status(30 * MIN), () => status(20 * MIN), () => status(2 * MIN)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(28 * MIN);
    expect(w.kinds()).toEqual(['active', 'active']);
    expect(w.phases[1]).toEqual({ kind: 'active', deadline: T0 + 48 * MIN });
    await vi.advanceTimersByTimeAsync(18 * MIN);
    expect(w.kinds()).toEqual(['active', 'active', 'warning']);
    w.idle.stop();
  });

  it('ends at the deadline when the server no longer knows the session', async () => {
    const w = watch([() => status(2 * MIN), () => null]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.kinds()).toEqual(['warning']);
    await vi.advanceTimersByTimeAsync(2 * MIN - 1);
    expect(w.kinds()).toEqual(['warning']);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.kinds()).toEqual(['warning', 'expired']);
    // Nothing more is asked once it has ended.
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(w.fetchStatus).toHaveBeenCalledTimes(2);
  });

  it('counts a session as ended when the server says it has under a second left', async () => {
    const w = watch([() => status(900)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.kinds()).toEqual(['expired']);
  });

  it('"stay signed in" puts the warning off by a whole idle period from the new answer', async () => {
    const w = watch([() => status(2 * MIN), () => status(2 * MIN)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(w.kinds()).toEqual(['warning']);
    w.idle.accept(status(30 * MIN));
    expect(w.phases.at(-1)).toEqual({ kind: 'active', deadline: T0 + 30_000 + 30 * MIN });
    // The old deadline passes without a word.
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(w.kinds()).toEqual(['warning', 'active']);
    await vi.advanceTimersByTimeAsync(26 * MIN);
    expect(w.kinds()).toEqual(['warning', 'active', 'warning']);
    w.idle.stop();
  });

  it('says when only signing in again helps: the absolute lifetime ends first', async () => {
    const w = watch([() => status(30 * MIN, { absoluteLeft: 90_000 })]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.phases).toEqual([{ kind: 'warning', deadline: T0 + 90_000, canExtend: false }]);
    w.idle.stop();
  });

  it('asks again later when the connection is lost, instead of ending the session', async () => {
    const w = watch([() => new Error('network'), () => status(30 * MIN)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.kinds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(w.kinds()).toEqual(['active']);
    w.idle.stop();
  });

  it('stops asking when stopped (the user signed out)', async () => {
    const w = watch([() => status(30 * MIN)]);
    w.idle.start();
    await vi.advanceTimersByTimeAsync(0);
    w.idle.stop();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(w.fetchStatus).toHaveBeenCalledTimes(1);
  });

  it('warns at half the timeout when the timeout is very short', () => {
    expect(warningLead(30 * 60)).toBe(2 * MIN);
    expect(warningLead(120)).toBe(MIN);
  });
});
