// Accessibility feedback's refusals once were inline problems: their wire form must not change.
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';

describe('PrivacyNoticeException', () => {
  it('answers feedback it cannot take as a 503', () => {
    expect(new PrivacyNoticeException(PrivacyNoticeErrorCode.FeedbackUnavailable).toBody()).toMatchObject({
      type: 'https://rekisteri.dev/problems/accessibility-feedback-unavailable',
      title: 'Accessibility feedback cannot be received here now',
      status: 503,
    });
  });

  it('answers too many messages as a 429 with the wait', () => {
    expect(new PrivacyNoticeException(PrivacyNoticeErrorCode.FeedbackTooMany, 'Send more in 5 seconds.', { retryAfterSeconds: 5 }).toBody()).toMatchObject({
      type: 'https://rekisteri.dev/problems/too-many-attempts',
      title: 'Too many messages',
      status: 429,
      retryAfterSeconds: 5,
    });
  });
});
