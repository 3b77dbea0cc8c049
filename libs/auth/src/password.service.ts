// argon2id password hashing at (at least) OWASP's parameters, with rehash when the parameters rise.
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '@app/core';

@Injectable()
export class PasswordService {
  private readonly options: argon2.HashOptions;
  private dummyHash?: Promise<string>;

  constructor(config: AppConfig) {
    this.options = { type: argon2.argon2id, memoryCost: config.argon2MemoryKib, timeCost: config.argon2TimeCost, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, this.options);
  }

  /** Spends the same time as a real verification, so an unknown account cannot be told from a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not a password of anyone');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
