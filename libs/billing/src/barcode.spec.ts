import { finnishReference, isValidFinnishReference, isValidRfReference, rfReference } from '@app/core';
import { virtualBarcode } from './barcode';

// The examples of Finanssiala's "Pankkiviivakoodi-opas" (the Finnish banks' bank barcode guide, version 5.3,
// 2021: finanssiala.fi/wp-content/uploads/2021/03/Pankkiviivakoodi-opas.pdf), examples 1-5 of version 4 and
// 1-2 of version 5, as also used verbatim by the public test suites of the guide's implementations
// (e.g. antsy/viivakoodi test.php and the Rust crate `pankkiviivakoodi`).
describe('Finnish bank barcode (virtuaaliviivakoodi) against the guide', () => {
  it.each([
    ['FI79 4405 2020 0360 82', 488315, '86851 62596 19897', '2010-06-12', '479440520200360820048831500000000868516259619897100612'],
    ['FI58 1017 1000 0001 22', 48299, '55958 22432 94671', '2012-01-31', '458101710000001220004829900000000559582243294671120131'],
    ['FI02 5000 4640 0013 02', 69380, '69 87567 20834 35364', '2011-07-24', '402500046400013020006938000000069875672083435364110724'],
    ['FI16 8000 1400 0502 67', 93585, '78 77767 96566 28687', null, '416800014000502670009358500000078777679656628687000000'],
    ['FI73 3131 3001 0000 58', 0, '8 68624', '2013-08-09', '473313130010000580000000000000000000000000868624130809'],
  ])('version 4: %s, %i cents, reference %s, due %s', (iban, cents, reference, due, expected) => {
    expect(isValidFinnishReference(reference)).toBe(true);
    expect(virtualBarcode({ iban, amountCents: cents, reference, dueDate: due })).toBe(expected);
  });

  it.each([
    ['FI79 4405 2020 0360 82', 488315, 'RF09 8685 1625 9619 897', '2010-06-12', '579440520200360820048831509000000868516259619897100612'],
    ['FI39 3636 3002 0924 92', 103, 'RF66 5907 3839 0', '2023-03-11', '539363630020924920000010366000000000000590738390230311'],
  ])('version 5: %s, %i cents, reference %s, due %s', (iban, cents, reference, due, expected) => {
    expect(isValidRfReference(reference)).toBe(true);
    expect(virtualBarcode({ iban, amountCents: cents, reference, dueDate: due })).toBe(expected);
  });

  it('the RF references of the guide are what libs/core makes of the national ones', () => {
    expect(rfReference('868516259619897')).toBe('RF09868516259619897');
    expect(rfReference('590738390')).toBe('RF66590738390');
    // Finanssiala's reference number guide: 1234567 -> 12345672, 234823 -> 2348236 and RF332348236.
    expect(finnishReference('1234567')).toBe('12345672');
    expect(rfReference(finnishReference('234823'))).toBe('RF332348236');
    // ISO 11649's own example.
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
  });

  it('an amount of a million euros or more is left out (zeros), as the guide says', () => {
    expect(virtualBarcode({ iban: 'FI79 4405 2020 0360 82', amountCents: 100_000_000, reference: '868516259619897', dueDate: null }).slice(17, 25)).toBe('00000000');
    expect(virtualBarcode({ iban: 'FI79 4405 2020 0360 82', amountCents: 99_999_999, reference: '868516259619897', dueDate: null }).slice(17, 25)).toBe('99999999');
  });

  it.each([
    [{ iban: 'DE89 3704 0044 0532 0130 00', reference: '1232' }], // not Finnish
    [{ iban: 'FI79 4405 2020 0360 83', reference: '1232' }], // bad IBAN check digits
    [{ iban: 'FI79 4405 2020 0360 82', reference: '123' }], // too short a national reference
    [{ iban: 'FI79 4405 2020 0360 82', reference: 'RF71 A1' }], // letters cannot go into the code
  ])('refuses what the code cannot carry: %o', (input) => {
    expect(() => virtualBarcode({ ...input, amountCents: 100, dueDate: '2026-01-01' })).toThrow(RangeError);
  });
});
