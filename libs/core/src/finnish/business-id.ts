// Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit (weights 7-9-10-5-8-4-2, modulo 11).
import { registerDecorator, ValidationOptions } from 'class-validator';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];
const FORMAT = /^(\d{7})-(\d)$/;

/** The check digit for seven digits, or null when no valid business ID can have them (remainder 1). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  const sum = [...sevenDigits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

export function isValidBusinessId(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = FORMAT.exec(value);
  if (!match) return false;
  return businessIdCheckDigit(match[1]) === Number(match[2]);
}

export function IsBusinessId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBusinessId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a Finnish business ID (1234567-8) with a valid check digit', ...options },
      validator: { validate: isValidBusinessId },
    });
}
