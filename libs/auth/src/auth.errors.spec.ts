// Platform staff's conflicts once were inline problems: their wire form (status, type, title) must not change.
import { AuthErrorCode, AuthException } from './auth.errors';

describe('AuthException', () => {
  it.each([AuthErrorCode.StaffEmailTaken, AuthErrorCode.StaffDisabled, AuthErrorCode.CannotDisableSelf])('answers %s as the inline 409 it was', (code) => {
    expect(new AuthException(code, 'why').toBody('rid')).toEqual({ type: `https://rekisteri.dev/problems/${code}`, title: 'Conflict', status: 409, detail: 'why', requestId: 'rid' });
  });
});
