import { describe, expect, it } from 'vitest';
import { groupReference, groupRf } from './reference';

describe('reference numbers as printed', () => {
  // Finance Finland's examples: base 123456 gives 1234561, printed "12 34561"; 2348236 is "RF33 2348 236".
  it('groups a Finnish reference in fives from the right', () => {
    expect(groupReference('1234561')).toBe('12 34561');
    expect(groupReference('0013')).toBe('0013');
    expect(groupReference('12345')).toBe('12345');
    expect(groupReference('12345678901234567890')).toBe('12345 67890 12345 67890');
  });
  it('groups an RF reference in fours from the left', () => {
    expect(groupRf('RF332348236')).toBe('RF33 2348 236');
    expect(groupRf('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });
});
