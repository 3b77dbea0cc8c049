import { describe, expect, it } from 'vitest';
import { daysLeft, inboxOrder, urgencyOf } from './deadlines';

// 1.12.2026 at 12:00 in Helsinki (UTC+2).
const now = new Date('2026-12-01T10:00:00Z');

describe('daysLeft', () => {
  it('counts calendar days in Finland, not 24-hour spans', () => {
    expect(daysLeft('2026-12-01T21:59:00Z', now)).toBe(0); // 23.59 the same day in Helsinki
    expect(daysLeft('2026-12-01T22:00:00Z', now)).toBe(1); // 00.00 the next day in Helsinki
    expect(daysLeft('2026-12-08T09:00:00Z', now)).toBe(7);
    expect(daysLeft('2026-11-29T10:00:00Z', now)).toBe(-2);
  });

  it('crosses a change of summer time and a month end', () => {
    expect(daysLeft('2027-04-01T09:00:00Z', new Date('2027-03-27T09:00:00Z'))).toBe(5);
    expect(daysLeft('2027-03-01T09:00:00Z', new Date('2027-02-28T09:00:00Z'))).toBe(1);
  });
});

describe('urgencyOf', () => {
  it('is overdue once the moment has passed, even on the same day', () => {
    expect(urgencyOf({ state: 'received', dueAt: '2026-12-01T09:59:00Z' }, now)).toBe('overdue');
    expect(urgencyOf({ state: 'verified', dueAt: '2026-12-01T10:01:00Z' }, now)).toBe('dueSoon');
    expect(urgencyOf({ state: 'received', dueAt: '2026-12-08T21:00:00Z' }, now)).toBe('dueSoon');
    expect(urgencyOf({ state: 'received', dueAt: '2026-12-08T22:00:00Z' }, now)).toBe('later');
  });

  it('calls decided requests closed, whatever their deadline', () => {
    expect(urgencyOf({ state: 'completed', dueAt: '2026-11-01T10:00:00Z' }, now)).toBe('closed');
    expect(urgencyOf({ state: 'rejected', dueAt: '2026-12-02T10:00:00Z' }, now)).toBe('closed');
  });
});

describe('inboxOrder', () => {
  it('puts overdue first, then due soon, then later, then the decided ones latest first', () => {
    const rows = [
      { id: 'done-old', state: 'completed', dueAt: '2026-10-01T10:00:00Z', decidedAt: '2026-10-01T10:00:00Z' },
      { id: 'later', state: 'received', dueAt: '2026-12-30T10:00:00Z' },
      { id: 'soon', state: 'verified', dueAt: '2026-12-03T10:00:00Z' },
      { id: 'done-new', state: 'rejected', dueAt: '2026-12-20T10:00:00Z', decidedAt: '2026-11-30T10:00:00Z' },
      { id: 'late-2', state: 'received', dueAt: '2026-11-30T10:00:00Z' },
      { id: 'late-10', state: 'verified', dueAt: '2026-11-21T10:00:00Z' },
      { id: 'soonest', state: 'received', dueAt: '2026-12-01T12:00:00Z' },
    ];
    expect(inboxOrder(rows, now).map((r) => r.id)).toEqual(['late-10', 'late-2', 'soonest', 'soon', 'later', 'done-new', 'done-old']);
    expect(rows[0].id).toBe('done-old'); // the input is left as it was
  });

  it('depends on the moment given: a day later the due-soon one is overdue', () => {
    const rows = [
      { id: 'a', state: 'received', dueAt: '2026-12-05T10:00:00Z' },
      { id: 'b', state: 'completed', dueAt: '2026-12-01T09:00:00Z', decidedAt: null },
    ];
    expect(urgencyOf(rows[0], new Date('2026-12-06T10:00:00Z'))).toBe('overdue');
    expect(inboxOrder(rows, new Date('2026-12-06T10:00:00Z')).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
