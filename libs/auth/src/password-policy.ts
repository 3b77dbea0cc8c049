// What a new password must be (ASVS 6.2.1, 6.2.4, 6.2.12): at least 12 characters, not only whitespace, not a
// common or breached password (nor one with digits or symbols stuck on), and hard enough to guess by zxcvbn's
// estimate, which knows common passwords, English and Finnish words and names, keyboard patterns, dates and
// the person's own e-mail and name. All offline: the dictionaries ship with the packages.
import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as finnish from '@zxcvbn-ts/language-fi';
import { ValidationProblem } from '@app/core';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score 3: about 10^8 guesses or more ("safely unguessable" online, and slow to crack offline under argon2id). */
export const MIN_PASSWORD_SCORE = 3;

/**
 * zxcvbn's cost grows with length and with l33t substitutions: past 64 characters a password that starts
 * strong stays strong, and a few substitutions find what more would. Measured here: about 10-30 ms a check.
 */
const CHECKED_LENGTH = 64;
const L33T_SUBSTITUTIONS = 5;

export const PASSWORD_RULE = `at least ${MIN_PASSWORD_LENGTH} characters, not a common password, and hard to guess: a passphrase of several uncommon words works well`;

let estimator: { zxcvbn: ZxcvbnFactory; common: Set<string> } | undefined;

/** The dictionaries are built once per process, on first use (a few hundred milliseconds). */
function load() {
  if (estimator) return estimator;
  const fi = Object.fromEntries(Object.entries(finnish.dictionary).map(([name, words]) => [`${name}-fi`, words]));
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...fi },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: CHECKED_LENGTH,
    l33tMaxSubstitutions: L33T_SUBSTITUTIONS,
  });
  const list = common.dictionary['passwords-common'].map((word) => String(word).toLowerCase());
  estimator = { zxcvbn, common: new Set(list) };
  return estimator;
}

/** Why the password is refused, in words for the person choosing it; null when it is fine. */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) return `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`;
  if (password.trim() === '') return 'password must not be only spaces or other whitespace';
  const { zxcvbn, common: commonPasswords } = load();
  // Digits, symbols and spaces around a known password add little: "Password1234!" is still "password".
  const core = password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (commonPasswords.has(password.toLowerCase()) || (core.length >= 4 && commonPasswords.has(core))) {
    return `password is a commonly used (or breached) password, perhaps with digits or symbols added; attackers try those first. Choose ${PASSWORD_RULE}`;
  }
  const result = zxcvbn.check(password, personal.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
  return `password is too easy to guess${why}. Choose ${PASSWORD_RULE}`;
}

/** The words of a person's e-mail address and name, which their password should not lean on. */
export function personalWords(...values: (string | null | undefined)[]): string[] {
  return values.flatMap((value) => (value ? [value, ...value.split(/[\s@._+-]+/)] : [])).filter((word) => word.length >= 3);
}

@Injectable()
export class PasswordPolicy {
  /** Throws a 400 naming the `password` field, with the rule, when the password may not be used. */
  assertAcceptable(password: string, personal: string[] = []): void {
    const weakness = passwordWeakness(password, personal);
    if (weakness) throw new ValidationProblem([{ field: 'password', message: weakness }]);
  }
}
