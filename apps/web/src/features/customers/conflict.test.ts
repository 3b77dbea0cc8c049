import { describe, expect, it } from 'vitest';
import { EMPTY_CUSTOMER, toChanges, toCreateBody } from './customer-fields';
import { mergeConflict } from './conflict';

const base = { ...EMPTY_CUSTOMER, billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email: 'maija@example.fi', city: 'Espoo' };

describe('mergeConflict', () => {
  it('keeps my edits where the other person changed other fields, and lists what they changed', () => {
    const mine = { ...base, phone: '+358401234567' };
    const theirs = { ...base, city: 'Helsinki' };
    const merge = mergeConflict(base, mine, theirs);
    expect(merge.values).toEqual({ ...base, phone: '+358401234567', city: 'Helsinki' });
    expect(merge.theirChanges).toEqual([{ field: 'city', before: 'Espoo', after: 'Helsinki' }]);
    expect(merge.clashes).toEqual([]);
  });

  it('shows their value where we both changed the same field, and names the clash', () => {
    const mine = { ...base, email: 'maija.m@example.fi' };
    const theirs = { ...base, email: 'mm@example.fi' };
    const merge = mergeConflict(base, mine, theirs);
    expect(merge.values.email).toBe('mm@example.fi');
    expect(merge.clashes).toEqual([{ field: 'email', mine: 'maija.m@example.fi', theirs: 'mm@example.fi' }]);
  });

  it('is no clash when we both made the same change', () => {
    const mine = { ...base, city: 'Vantaa' };
    const merge = mergeConflict(base, mine, { ...mine });
    expect(merge.clashes).toEqual([]);
    expect(merge.values.city).toBe('Vantaa');
  });
});

describe('customer bodies', () => {
  it('sends only the changed fields, emptied ones as null', () => {
    expect(toChanges(base, { ...base, city: '', phone: '040 123 4567 ' })).toEqual({ city: null, phone: '040 123 4567' });
  });
  it('creates a private customer without company fields, trimmed', () => {
    expect(toCreateBody('private', { ...base, companyName: 'Left over Oy', email: ' maija@example.fi ' })).toEqual({
      billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email: 'maija@example.fi', city: 'Espoo', country: 'FI',
    });
  });
});
