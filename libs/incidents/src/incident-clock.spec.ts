import { controllerClock, controllerDeadline, incidentClock } from './incident-clock';

const discovered = new Date('2026-11-20T10:00:00Z');
const at = (iso: string) => new Date(iso);
const HOUR = 3600;

describe('the 72-hour clock for informing controllers', () => {
  it('ends 72 hours after discovery', () => {
    expect(controllerDeadline(discovered).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it.each([
    ['just discovered', null, '2026-11-20T10:00:00Z', { state: 'pending', remainingSeconds: 72 * HOUR, overdueSeconds: null }],
    ['one hour left', null, '2026-11-23T09:00:00Z', { state: 'pending', remainingSeconds: HOUR, overdueSeconds: null }],
    ['at the deadline itself', null, '2026-11-23T10:00:00Z', { state: 'overdue', remainingSeconds: null, overdueSeconds: 0 }],
    ['five hours past', null, '2026-11-23T15:00:00Z', { state: 'overdue', remainingSeconds: null, overdueSeconds: 5 * HOUR }],
    ['informed early', '2026-11-20T12:00:00Z', '2026-11-30T00:00:00Z', { state: 'informed_in_time', remainingSeconds: null, overdueSeconds: null }],
    ['informed at the last second', '2026-11-23T10:00:00Z', '2026-11-30T00:00:00Z', { state: 'informed_in_time', remainingSeconds: null, overdueSeconds: null }],
    ['informed two hours late', '2026-11-23T12:00:00Z', '2026-11-30T00:00:00Z', { state: 'informed_late', remainingSeconds: null, overdueSeconds: 2 * HOUR }],
  ])('%s', (_name, informed, now, expected) => {
    expect(controllerClock(discovered, informed ? at(informed) : null, at(now))).toEqual({ deadline: controllerDeadline(discovered), ...expected });
  });

  it('shows an incident as overdue when any controller is, with the largest overrun', () => {
    const now = at('2026-11-24T10:00:00Z');
    const clocks = [controllerClock(discovered, at('2026-11-21T00:00:00Z'), now), controllerClock(discovered, null, now), controllerClock(discovered, at('2026-11-23T11:00:00Z'), now)];
    expect(incidentClock(discovered, clocks, now)).toMatchObject({ state: 'overdue', overdueSeconds: 24 * HOUR });
  });

  it('shows an incident as pending while a controller is still within the window', () => {
    const now = at('2026-11-21T10:00:00Z');
    const clocks = [controllerClock(discovered, at('2026-11-21T00:00:00Z'), now), controllerClock(discovered, null, now)];
    expect(incidentClock(discovered, clocks, now)).toMatchObject({ state: 'pending', remainingSeconds: 48 * HOUR });
  });

  it('shows an incident as met when every controller was informed in time', () => {
    const now = at('2026-11-30T10:00:00Z');
    const clocks = [controllerClock(discovered, at('2026-11-21T00:00:00Z'), now), controllerClock(discovered, at('2026-11-22T00:00:00Z'), now)];
    expect(incidentClock(discovered, clocks, now)).toMatchObject({ state: 'informed_in_time', overdueSeconds: null });
  });
});
