// Identity verification of a written request by a one-time code (GDPR Art. 12(6)): staff send a code to the
// e-mail address the register holds, and the person enters it with that address on the public page
// /t/:tenant/verify. A code verifies its own request only, works once, expires after 30 minutes, and is kept
// as a salted hash (the address as a keyed hash). Throttled: a few codes per request and per address, a few
// wrong attempts per code, a cap on wrong attempts per e-mail address, and wrong codes per client address
// counted by the login throttle (before any hashing).
import { Injectable } from '@nestjs/common';
import { createHmac, randomInt, randomUUID, scrypt as scryptCb, timingSafeEqual, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { type Actor, actorKey, AppConfig, Clock, NotFoundProblem } from '@app/core';
import { LoginThrottleService } from '@app/auth';
import { OutboxService } from '@app/mail';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import type { VerificationCode } from './request.entity';
import { RequestsRepository } from './requests.repository';
import { RequestsErrorCode, RequestsException } from './requests.errors';
import { asMailLang, codeMail } from './request-mails';
import { REQUEST_MAIL_TOPIC } from './requests.service';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const CODE_VALID_MINUTES = 30;
export const CODES_PER_REQUEST_PER_HOUR = 3;
export const CODES_PER_ADDRESS_PER_DAY = 6;
export const ATTEMPTS_PER_CODE = 5;
export const FAILED_ATTEMPTS_PER_ADDRESS_PER_DAY = 10;
const HOUR = 3_600_000;

async function hashCode(code: string, salt = randomBytes(16)): Promise<string> {
  return `${salt.toString('base64url')}$${(await scrypt(code, salt, 32)).toString('base64url')}`;
}

async function codeMatches(code: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split('$');
  const candidate = await scrypt(code, Buffer.from(salt, 'base64url'), 32);
  return timingSafeEqual(candidate, Buffer.from(hash, 'base64url'));
}

/** "a•••@example.fi": enough for staff to see where it went, without repeating the address in full. */
const masked = (email: string) => email.replace(/^(.)[^@]*/, '$1•••');

@Injectable()
export class VerificationService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: RequestsRepository,
    private readonly tenancy: TenancyService,
    private readonly customers: CustomersService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Sends a new code for this received request to the address on record; an earlier code of it stops working. */
  async sendCode(actor: Actor, id: string): Promise<{ sentTo: string; expiresAt: Date }> {
    const request = await this.repository.find(id);
    if (!request) throw new NotFoundProblem('request');
    if (request.state !== 'received') throw new RequestsException(RequestsErrorCode.NotOpen, 'Only a request awaiting verification gets a code.');
    const customer = request.customerId ? await this.customers.get(request.customerId) : null;
    if (!customer?.email) throw new RequestsException(RequestsErrorCode.NoEmailOnRecord);
    const tenant = await this.tenancy.get(this.context.tenant.slug);
    const emailHash = this.addressKey(customer.email);
    const now = this.clock.now();
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const codeHash = await hashCode(code);
    const expiresAt = new Date(now.getTime() + CODE_VALID_MINUTES * 60_000);
    await this.context.transaction(async () => {
      await this.repository.find(id, true);
      const [perRequest, perAddress] = await Promise.all([
        this.repository.countCodesSince({ requestId: id }, new Date(now.getTime() - HOUR)),
        this.repository.countCodesSince({ emailHash }, new Date(now.getTime() - 24 * HOUR)),
      ]);
      if (perRequest >= CODES_PER_REQUEST_PER_HOUR || perAddress >= CODES_PER_ADDRESS_PER_DAY) {
        throw new RequestsException(RequestsErrorCode.TooManyCodes, `At most ${CODES_PER_REQUEST_PER_HOUR} codes an hour per request and ${CODES_PER_ADDRESS_PER_DAY} a day per address.`);
      }
      await this.repository.expireLiveCodes(id, now);
      this.repository.createCode({ id: randomUUID(), requestId: id, emailHash, codeHash, createdAt: now, expiresAt, usedAt: null, failedAttempts: 0, sentBy: actorKey(actor) });
      const verifyUrl = `${this.config.publicOrigin ?? `http://localhost:${this.config.port}`}/t/${tenant.slug}/verify`;
      const message = codeMail({ to: customer.email!, lang: asMailLang(tenant.language), controller: tenant.legalName, type: request.type, receivedAt: request.receivedAt, code, verifyUrl, validMinutes: CODE_VALID_MINUTES });
      await this.outbox.enqueue(message, { topic: REQUEST_MAIL_TOPIC, ref: `${id}:code` });
      this.audit.record({ actor: actorKey(actor), action: 'request.code_sent', subjectType: 'request', subjectId: id, fields: [] });
    });
    return { sentTo: masked(customer.email), expiresAt };
  }

  /**
   * The person's answer on the public page: the address the code went to and the code. A match verifies that
   * code's request (and no other); a miss counts against every live code of the address. The same answer is
   * given for an unknown address, a wrong, used or expired code. The tenant is the one the guard bound from the path.
   */
  async verifyCode(email: string, code: string, clientAddress: string): Promise<{ type: string; verifiedAt: Date }> {
    if (!this.context.isBound) throw new NotFoundProblem('tenant');
    const attempt = await this.throttle.admitCode(clientAddress);
    let outcome: Awaited<ReturnType<typeof this.checkCode>>;
    try {
      outcome = await this.checkCode(email, code);
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    if ('throttled' in outcome) throw new RequestsException(RequestsErrorCode.TooManyCodes, 'Too many wrong codes for this address today; ask the business for a new code tomorrow.');
    if ('failed' in outcome) throw new RequestsException(RequestsErrorCode.CodeInvalid, 'Check the code and the address, or ask the business for a new code.');
    await attempt.succeeded();
    return outcome.verified;
  }

  private checkCode(email: string, code: string) {
    const given = code.replace(/\s+/g, '');
    return this.context.transaction(async () => {
      const now = this.clock.now();
      const emailHash = this.addressKey(email);
      const recent = await this.repository.recentCodesForUpdate(emailHash, new Date(now.getTime() - 24 * HOUR));
      if (recent.reduce((sum, c) => sum + c.failedAttempts, 0) >= FAILED_ATTEMPTS_PER_ADDRESS_PER_DAY) return { throttled: true as const };
      const live = recent.filter((c) => !c.usedAt && c.expiresAt > now && c.failedAttempts < ATTEMPTS_PER_CODE);
      let match: VerificationCode | undefined;
      for (const c of live) if (!match && /^\d{8}$/.test(given) && (await codeMatches(given, c.codeHash))) match = c;
      if (!live.length) await hashCode(given); // the same work whether or not the address has a code
      if (!match) {
        for (const c of live) c.failedAttempts += 1;
        return { failed: true as const };
      }
      match.usedAt = now;
      return { verified: await this.markVerified(match.requestId, now) };
    });
  }

  private async markVerified(requestId: string, now: Date): Promise<{ type: string; verifiedAt: Date }> {
    const request = await this.repository.find(requestId, true);
    // A code's request cannot go while the code exists (the code is deleted with it).
    if (!request) throw new NotFoundProblem('request');
    if (request.state === 'received') {
      this.repository.update(request, { state: 'verified', verifiedBy: 'data-subject:email-code', verifiedAt: now, verificationMethod: 'email_code' });
      this.audit.record({ actor: 'data-subject', action: 'request.verified', subjectType: 'request', subjectId: requestId, fields: ['state'] });
    }
    return { type: request.type, verifiedAt: request.verifiedAt ?? now };
  }

  // A keyed hash: the table holds no addresses.
  private addressKey(email: string): string {
    // Without the secret every tenant's keys would be plain hashes of the addresses: refuse rather than store those.
    if (!this.config.sessionSecret) throw new Error('sessionSecret must be resolved before the app starts');
    return createHmac('sha256', this.config.sessionSecret).update(`verify\0${email.trim().toLowerCase()}`).digest('base64url');
  }
}
