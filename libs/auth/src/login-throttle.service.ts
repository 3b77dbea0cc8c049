// Login throttling, kept in PostgreSQL so every API instance shares it. Only failures count, on three limits:
// an account from one address (low: guessing from one place stops soon), an account from everywhere (much
// higher: a distributed guess stops too, but a stranger cannot lock the owner out), and an address across
// accounts (password spraying). Successful logins cost nothing, so an office behind one address is never
// throttled for signing in.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/core';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AuthRepository } from './auth.repository';

/**
 * The address a limit is kept for: IPv4 as it is (also when seen as ::ffff:a.b.c.d), IPv6 by its /64, the
 * smallest network one host is usually given, so that rotating through it is not a way around the limit.
 */
export function throttleAddress(address: string): string {
  try {
    const parsed = ipaddr.process(address.split('%')[0]);
    return parsed.kind() === 'ipv6' ? `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64` : parsed.toString();
  } catch {
    return address;
  }
}

/** One admitted attempt: its failure is counted already; say how it ended. */
export interface LoginAttempt {
  /** The password was right: the account's failures from this address are forgiven, and this attempt is not a failure. */
  succeeded(): Promise<void>;
  /** Something else went wrong (not the password): this attempt is not counted. */
  abandoned(): Promise<void>;
}

type Reservation = [RateLimiterPostgres, string];

@Injectable()
export class LoginThrottleService implements OnModuleInit {
  private pairs!: RateLimiterPostgres;
  private accounts!: RateLimiterPostgres;
  private addresses!: RateLimiterPostgres;

  constructor(
    private readonly repository: AuthRepository,
    private readonly config: AppConfig,
  ) {}

  private get secret(): string {
    if (!this.config.sessionSecret) throw new Error('sessionSecret must be resolved before the app starts');
    return this.config.sessionSecret;
  }

  onModuleInit(): void {
    const duration = this.config.loginThrottleWindowSeconds;
    this.pairs = this.repository.rateLimiter({ keyPrefix: 'pair', points: this.config.loginMaxFailuresPerAccountAndAddress, duration });
    this.accounts = this.repository.rateLimiter({ keyPrefix: 'acct', points: this.config.loginMaxFailuresPerAccount, duration });
    this.addresses = this.repository.rateLimiter({ keyPrefix: 'addr', points: this.config.loginMaxFailuresPerAddress, duration });
  }

  /**
   * Counts the attempt as a failure on every limit before the password is checked, so a burst of parallel
   * guesses cannot all slip in before the first failure is written; success or another error takes it back.
   * Refuses (429) when a limit is used up. The limits are taken one at a time, the account's last: a refused
   * attempt takes nothing back late, and one refused for its address never touches the account's count.
   */
  async admit(accountKey: string, address: string): Promise<LoginAttempt> {
    const pair: Reservation = [this.pairs, this.key('pair', `${accountKey.toLowerCase()}\0${throttleAddress(address)}`)];
    const byAddress: Reservation = [this.addresses, this.key('address', throttleAddress(address))];
    const byAccount: Reservation = [this.accounts, this.key('account', accountKey.toLowerCase())];
    const taken: Reservation[] = [];
    for (const reservation of [pair, byAddress, byAccount]) {
      try {
        await reservation[0].consume(reservation[1]);
        taken.push(reservation);
      } catch (rejection) {
        // An over-limit consume still counted; a refused attempt is no failure, so everything goes back.
        await this.giveBack(rejection instanceof RateLimiterRes ? [...taken, reservation] : taken);
        throw rejection instanceof RateLimiterRes ? this.tooMany(rejection) : rejection;
      }
    }
    return {
      succeeded: async () => {
        await Promise.all([this.pairs.delete(pair[1]), this.giveBack([byAddress, byAccount])]);
      },
      abandoned: () => this.giveBack(taken),
    };
  }

  /**
   * One code entered on a public page (a request's identity check): counted against the client address before
   * the code is hashed and compared, as a login's failure is, so that nobody can spend the server's hashing or
   * an e-mail address's daily tries from one place. A right code takes it back. 429 when used up.
   */
  async admitCode(address: string): Promise<LoginAttempt> {
    const byAddress: Reservation = [this.addresses, this.key('code', throttleAddress(address))];
    try {
      await byAddress[0].consume(byAddress[1]);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await this.giveBack([byAddress]);
      throw this.tooMany(rejection);
    }
    const giveBack = () => this.giveBack([byAddress]);
    return { succeeded: giveBack, abandoned: giveBack };
  }

  private async giveBack(reservations: Reservation[]): Promise<void> {
    await Promise.all(reservations.map(([limiter, key]) => limiter.reward(key, 1)));
  }

  private tooMany(res: RateLimiterRes): AuthException {
    return new AuthException(AuthErrorCode.TooManyAttempts, undefined, { retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) });
  }

  // Keys are keyed hashes: the throttle table must hold neither e-mail addresses nor IP addresses.
  private key(kind: 'pair' | 'account' | 'address' | 'code', value: string): string {
    return createHmac('sha256', this.secret).update(`${kind}\0${value}`).digest('base64url');
  }

  /**
   * A counter of another module's, kept in the throttle's table under its own key prefix (the accessibility
   * feedback's per-address limit): `consume(key)` rejects with the limiter's RateLimiterRes when the points are used up.
   */
  counter(options: { keyPrefix: string; points: number; duration: number }): { consume(key: string): Promise<void> } {
    const limiter = this.repository.rateLimiter(options);
    return {
      consume: async (key) => {
        await limiter.consume(key);
      },
    };
  }
}
