import { describe, expect, it } from 'vitest';
import { businessIdCheckDigit, businessIdProblem } from './business-id';

describe('business ID (Y-tunnus), as the API checks it', () => {
  it('accepts valid IDs, with spaces around them', () => {
    expect(businessIdProblem('2832233-5')).toBeNull();
    expect(businessIdProblem('0737546-2')).toBeNull();
    expect(businessIdProblem(' 2832233-5 ')).toBeNull();
  });

  it('tells a wrong check digit from a wrong shape', () => {
    expect(businessIdProblem('2832233-4')).toBe('check-digit');
    expect(businessIdProblem('28322335')).toBe('format');
    expect(businessIdProblem('283223-5')).toBe('format');
    expect(businessIdProblem('2832233-')).toBe('format');
    expect(businessIdProblem('')).toBe('format');
  });

  it('computes the check digit, and knows that a remainder of 1 leaves none', () => {
    expect(businessIdCheckDigit('2832233')).toBe(5);
    expect(businessIdCheckDigit('1000004')).toBe(7); // 7 + 4·2 = 15, remainder 4
    expect(businessIdCheckDigit('1000002')).toBe(0); // 7 + 2·2 = 11, remainder 0
    expect(businessIdCheckDigit('0000030')).toBeNull(); // 3·4 = 12, remainder 1
    expect([...Array(10).keys()].map((d) => businessIdProblem(`0000030-${d}`))).toEqual(Array(10).fill('check-digit'));
  });
});
