// The unsubscribe link's refusal once was an inline problem: its wire form must not change.
import { ConsentErrorCode, ConsentException } from './consent.errors';

describe('ConsentException', () => {
  it('answers an invalid unsubscribe link as a 404', () => {
    expect(new ConsentException(ConsentErrorCode.UnsubscribeLinkInvalid).toBody()).toMatchObject({
      type: 'https://rekisteri.dev/problems/unsubscribe-link-invalid',
      title: 'This unsubscribe link is invalid or has expired',
      status: 404,
    });
  });
});
