import { randomBytes } from 'node:crypto';
import { passwordWeakness, personalWords } from './password-policy';

describe('passwordWeakness', () => {
  it.each([
    ['password1234', /commonly used/],
    ['123456789012', /commonly used/],
    ['Password1234!', /commonly used/],
    ['!!sunshine2026!!', /commonly used/],
    ['salasana1234', /commonly used/],
    ['qwertyuiop12', /commonly used/],
    [' '.repeat(12), /only spaces/],
    ['\t \n'.repeat(4), /only spaces/],
    ['aaaaaaaaaaaa', /too easy to guess/],
    ['abcdefghijklmnop', /too easy to guess/],
    ['short one', /12 to 256 characters/],
    ['x'.repeat(257), /12 to 256 characters/],
  ])('refuses %j', (password, reason) => {
    const weakness = passwordWeakness(password);
    expect(weakness).toMatch(reason);
    expect(weakness).toMatch(/^password /);
  });

  it.each([
    ['the factories’ kind', `pw-${randomBytes(12).toString('hex')}`],
    ['an English passphrase', 'correct horse battery staple'],
    ['a Finnish passphrase', 'iloinen kettu juoksee metsässä'],
    ['a long random one', randomBytes(120).toString('base64')],
  ])('accepts %s', (_name, password) => {
    expect(passwordWeakness(password)).toBeNull();
  });

  it('counts characters, not UTF-16 units: twelve emoji are twelve characters', () => {
    expect(passwordWeakness('🦊'.repeat(6))).toMatch(/12 to 256 characters/);
  });

  it("refuses a password built from the person's own name and address", () => {
    const personal = personalWords('hilkka.haapaniemi@wellnessroom.fi', 'Hilkka Haapaniemi', 'wellnessroom-espoo');
    expect(passwordWeakness('wellnessroom-espoo', personal)).toMatch(/too easy to guess/);
    expect(passwordWeakness('HilkkaHaapaniemi', personal)).toMatch(/too easy to guess/);
  });
});
