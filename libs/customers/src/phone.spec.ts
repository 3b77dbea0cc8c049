import { phoneSearchForm, toE164 } from './phone';

describe('phone numbers', () => {
  it.each([
    ['+358 40 123 4567', '+358401234567'],
    ['040 123 4567', '+358401234567'], // Finnish national format
    ['(09) 3104 0000', '+358931040000'], // Helsinki landline
    ['+46 8 123 456 78', '+46812345678'], // Stockholm
    ['+1 123 456 7890', null], // no North American area code starts with 1
    ['12', null],
    ['not a number', null],
    ['+358 40 123 4567 8901 2345 6789 0123 4567', null],
  ])('%s -> %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });
});

describe('a search typed as a phone number', () => {
  it.each([
    ['040 123', '+35840123'],
    ['040-123 45', '+3584012345'],
    ['+358 40 123', '+35840123'],
    ['0046 8 123', '+468123'],
    ['4012345', '4012345'],
    ['12', null],
    ['maija', null],
    ['2832233-5', '28322335'],
  ])('%s is looked for as %s', (input, expected) => {
    expect(phoneSearchForm(input)).toBe(expected);
  });
});
