// Login throttling per account and per client address, kept in PostgreSQL so every API instance shares it.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/core';
import { PG_POOL } from '@app/database';
import { AuthErrorCode, AuthException } from './auth.errors';

@Injectable()
export class LoginThrottleService implements OnModuleInit {
  private accounts!: RateLimiterPostgres;
  private addresses!: RateLimiterPostgres;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  private get secret(): string {
    if (!this.config.sessionSecret) throw new Error('sessionSecret must be resolved before the app starts');
    return this.config.sessionSecret;
  }

  onModuleInit(): void {
    const common = { storeClient: this.pool, storeType: 'pool', schemaName: 'platform', tableName: 'login_throttle', tableCreated: true, duration: this.config.loginThrottleWindowSeconds };
    this.accounts = new RateLimiterPostgres({ ...common, keyPrefix: 'acct', points: this.config.loginMaxFailuresPerAccount });
    this.addresses = new RateLimiterPostgres({ ...common, keyPrefix: 'addr', points: this.config.loginMaxAttemptsPerAddress });
  }

  /**
   * Counts an attempt from this address and refuses (429) when the address or the account is over its limit.
   * Tells whether the account has failures on record, so that a success only clears a record that exists.
   */
  async admit(accountKey: string, address: string): Promise<{ accountHasFailures: boolean }> {
    const [account] = await Promise.all([this.accounts.get(this.accountId(accountKey)), this.consume(this.addresses, this.addressId(address))]);
    if (account && account.remainingPoints <= 0 && account.msBeforeNext > 0) throw this.tooMany(account);
    return { accountHasFailures: account !== null };
  }

  async recordFailure(accountKey: string): Promise<void> {
    await this.consume(this.accounts, this.accountId(accountKey)).catch(() => undefined);
  }

  async recordSuccess(accountKey: string): Promise<void> {
    await this.accounts.delete(this.accountId(accountKey));
  }

  private async consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.tooMany(rejection);
      throw rejection;
    }
  }

  private tooMany(res: RateLimiterRes): AuthException {
    return new AuthException(AuthErrorCode.TooManyAttempts, undefined, { retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) });
  }

  // Keys are keyed hashes: the throttle table must hold neither e-mail addresses nor IP addresses.
  private accountId(accountKey: string): string {
    return createHmac('sha256', this.secret).update('account\0' + accountKey.toLowerCase()).digest('base64url');
  }

  private addressId(address: string): string {
    return createHmac('sha256', this.secret).update('address\0' + address).digest('base64url');
  }
}
