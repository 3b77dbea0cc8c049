import { finnishReference, isValidFinnishReference, isValidRfReference, referenceCheckDigit, rfReference } from './reference-number';

describe('Finnish reference number (viitenumero)', () => {
  it.each([
    ['123', 2], // 3*7 + 2*3 + 1*1 = 28 -> 2 (the textbook example: 1232)
    ['1234567', 2], // Finanssiala's guide: 12345672
    ['234823', 6], // Finanssiala's guide: 2348236 (RF332348236)
    ['100', 9], // 1*1... weighted sum 1 -> 9
  ])('base %s has check digit %i', (base, digit) => {
    expect(referenceCheckDigit(base)).toBe(digit);
    expect(finnishReference(base)).toBe(base + digit);
  });

  it.each([
    ['1232', true],
    ['12345672', true], // Finanssiala's guide example
    ['1234 5672', true], // spaces are for reading only
    ['1233', false],
    ['12', false], // too short
    ['123456789012345678901', false], // over 20 digits
    ['12a2', false],
  ])('%s is valid: %s', (value, valid) => {
    expect(isValidFinnishReference(value)).toBe(valid);
  });

  it('refuses a base it cannot protect', () => {
    expect(() => referenceCheckDigit('12')).toThrow(RangeError);
    expect(() => referenceCheckDigit('12x')).toThrow(RangeError);
  });
});

describe('RF creditor reference (ISO 11649)', () => {
  it.each([
    ['539007547034', 'RF18539007547034'], // the example of ISO 11649
    ['2348236', 'RF332348236'], // Finanssiala's example of a Finnish reference in RF form
  ])('%s -> %s', (reference, rf) => {
    expect(rfReference(reference)).toBe(rf);
    expect(isValidRfReference(rf)).toBe(true);
  });

  it.each([['RF18 5390 0754 7034', true], ['RF19539007547034', false], ['RF1853900754703', false], ['XX18539007547034', false], ['RF18', false]])(
    '%s is valid: %s',
    (value, valid) => {
      expect(isValidRfReference(value)).toBe(valid);
    },
  );
});
