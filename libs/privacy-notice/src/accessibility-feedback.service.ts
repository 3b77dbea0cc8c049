// Feedback from the accessibility statement's form (EN 301 549 clause 12, the Finnish Act on the Provision of
// Digital Services): queued as an e-mail to ACCESSIBILITY_FEEDBACK_EMAIL through the outbox, so a mail outage
// loses nothing. Anyone may send it, so each address (an IPv6 /64) may send only a few per hour.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig, Clock } from '@app/core';
import { LoginThrottleService, throttleAddress } from '@app/auth';
import { OutboxService } from '@app/mail';
import type { AccessibilityFeedbackDto } from './dto/accessibility-feedback.dto';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';

export const ACCESSIBILITY_FEEDBACK_TOPIC = 'accessibility-feedback';

@Injectable()
export class AccessibilityFeedbackService implements OnModuleInit {
  private feedback!: { consume(key: string): Promise<void> };

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottleService,
  ) {}

  onModuleInit(): void {
    // The hour's feedback per address, counted in the login throttle's table under its own key prefix.
    this.feedback = this.throttle.counter({ keyPrefix: 'a11y', points: this.config.accessibilityFeedbackPerHour, duration: 3600 });
  }

  async send(dto: AccessibilityFeedbackDto, address: string): Promise<{ id: string; receivedAt: Date }> {
    const to = this.config.accessibilityFeedbackEmail;
    if (!to) {
      throw new PrivacyNoticeException(PrivacyNoticeErrorCode.FeedbackUnavailable, 'Write to the business or to the platform by e-mail instead.');
    }
    try {
      await this.feedback.consume(this.key(address));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
      throw new PrivacyNoticeException(PrivacyNoticeErrorCode.FeedbackTooMany, `Send more in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
    }
    const receivedAt = this.clock.now();
    const lines = [
      'Saavutettavuuspalaute / Accessibility feedback',
      '',
      `Vastaanotettu / Received: ${receivedAt.toISOString()}`,
      `Sivu / Page: ${dto.page ?? '-'}`,
      `Nimi / Name: ${dto.name ?? '-'}`,
      `Vastausosoite / Reply to: ${dto.email ?? '- (nimetön / anonymous)'}`,
      `Kieli / Language: ${dto.language ?? 'fi'}`,
      '',
      dto.message,
      '',
      'Vastaa 14 päivän kuluessa (laki digitaalisten palvelujen tarjoamisesta 306/2019).',
      'Reply within 14 days (Act on the Provision of Digital Services 306/2019).',
    ];
    const id = await this.outbox.enqueue(
      {
        to,
        subject: 'Saavutettavuuspalaute / Accessibility feedback',
        text: `${lines.join('\n')}\n`,
        headers: dto.email ? { 'Reply-To': dto.email } : undefined,
      },
      { topic: ACCESSIBILITY_FEEDBACK_TOPIC },
    );
    return { id, receivedAt };
  }

  // A keyed hash: the throttle table holds no IP addresses.
  private key(address: string): string {
    return createHmac('sha256', this.config.sessionSecret ?? '').update(`a11y\0${throttleAddress(address)}`).digest('base64url');
  }
}
