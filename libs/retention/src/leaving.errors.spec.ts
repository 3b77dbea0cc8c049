// Leaving's conflicts once were inline problems: their wire form (status, type, title) must not change.
import { LeavingErrorCode, LeavingException } from './leaving.errors';

describe('LeavingException', () => {
  it.each([LeavingErrorCode.AlreadyRequested, LeavingErrorCode.NotRequested])('answers %s as the inline 409 it was', (code) => {
    expect(new LeavingException(code).toBody()).toMatchObject({ type: `https://rekisteri.dev/problems/${code}`, title: 'Conflict', status: 409 });
  });
});
