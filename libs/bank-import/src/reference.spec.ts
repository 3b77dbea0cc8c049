import { matchKey } from './reference';

describe('matchKey', () => {
  it.each([
    ['1234561', '1234561'],
    ['12 34561', '1234561'],
    ['00000000000001234561', '1234561'],
    ['0011', '11'],
    ['RF332348236', '2348236'],
    ['rf33 2348 236', '2348236'],
    ['RF3300002348236', '2348236'],
  ])('reads %s as %s', (raw, key) => expect(matchKey(raw)).toBe(key));

  it.each([[null], [''], ['RF342348236'], ['RF18ABC'], ['12-34'], ['0000']])('finds no key in %s', (raw) => expect(matchKey(raw)).toBeNull());
});
