import { businessIdCheckDigit, isValidBusinessId } from './business-id';

describe('Finnish business ID', () => {
  it.each([
    ['2832233-5', true], // WellnessRoom Espoo, from its privacy statement
    ['0112038-9', true], // Nokia Oyj
    ['1572860-0', true], // weighted sum divisible by 11: check digit 0
    ['2832233-4', false], // wrong check digit
    ['2832233-6', false],
    ['283223-35', false], // hyphen in the wrong place
    ['28322335', false], // no hyphen
    ['2832233-', false],
    [' 2832233-5', false],
    ['2832233-5 ', false],
    ['abcdefg-h', false],
    ['', false],
  ])('%s is valid: %s', (id, expected) => {
    expect(isValidBusinessId(id)).toBe(expected);
  });

  it('rejects non-strings', () => {
    expect(isValidBusinessId(2832233)).toBe(false);
    expect(isValidBusinessId(null)).toBe(false);
  });

  it('has no valid check digit when the remainder is 1', () => {
    // 0000030: 3 * 4 = 12, remainder 1: the ID office never issues these digits.
    expect(businessIdCheckDigit('0000030')).toBeNull();
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].some((c) => isValidBusinessId(`0000030-${c}`))).toBe(false);
  });
});
