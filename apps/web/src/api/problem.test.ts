import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom, fieldErrors } from './problem';

const validation = apiErrorFrom(
  400,
  {
    type: 'https://rekisteri.dev/problems/validation',
    title: 'The request is not valid',
    status: 400,
    errors: [
      { field: 'email', message: 'email must be an email' },
      { field: 'email', message: 'email must be shorter' },
      { field: 'businessId', message: 'businessId is not a valid Finnish business ID' },
      { field: 'lines.0.quantity', message: 'quantity must be positive' },
    ],
  },
  null,
);

describe('problem+json to form errors', () => {
  it('puts the first message of each field beside that field', () => {
    const { byField } = fieldErrors(validation, ['email', 'businessId', 'phone'] as const);
    expect(byField).toEqual({ email: 'email must be an email', businessId: 'businessId is not a valid Finnish business ID' });
  });
  it('keeps messages for fields the form does not have, to show above the form', () => {
    expect(fieldErrors(validation, ['email'] as const).other).toEqual(['businessId is not a valid Finnish business ID', 'quantity must be positive']);
  });
  it('maps API field paths to form fields by alias', () => {
    expect(fieldErrors(validation, ['quantity'] as const, { 'lines.0.quantity': 'quantity' }).byField).toEqual({ quantity: 'quantity must be positive' });
  });
  it('gives nothing for errors that are not problems', () => {
    expect(fieldErrors(new Error('boom'), ['email'] as const)).toEqual({ byField: {}, other: [] });
  });
});

describe('apiErrorFrom', () => {
  it('tells the kinds of failure apart by status', () => {
    expect([401, 403, 404, 409, 429, 500, 422].map((s) => apiErrorFrom(s, null, null).kind)).toEqual([
      'unauthenticated', 'forbidden', 'not-found', 'conflict', 'rate-limited', 'server', 'validation',
    ]);
  });
  it('reads when to retry from the problem, else from Retry-After', () => {
    expect(apiErrorFrom(429, { type: 't', title: 'Too many', status: 429, retryAfterSeconds: 42 }, '7').retryAfterSeconds).toBe(42);
    expect(apiErrorFrom(429, 'not json', '7').retryAfterSeconds).toBe(7);
  });
  it('knows the problem code', () => {
    expect(apiErrorFrom(409, { type: 'https://rekisteri.dev/problems/stale-version', title: 'Conflict', status: 409 }, null).code).toBe('stale-version');
    expect(new ApiError('network', 0, null).code).toBeNull();
  });
});
