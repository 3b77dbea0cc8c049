// argon2id password hashing at (at least) OWASP's parameters, with rehash when the parameters rise.
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { AppConfig } from '@app/core';

/**
 * The nice value of libuv's worker threads, where argon2 runs. Below the event loop and PostgreSQL, a login
 * storm gets the CPU that requests leave idle and no more, so other requests keep their latency
 * (bench/README.md, "login").
 */
export const HASHING_NICENESS = 10;

/** Lowers the priority of libuv's worker threads (Linux; elsewhere, or when refused, nothing changes). */
export function lowerThreadPoolPriority(niceness = HASHING_NICENESS): number {
  let lowered = 0;
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== 'libuv-worker') continue;
      setPriority(Number(tid), niceness);
      lowered++;
    }
  } catch {
    // not Linux, or not permitted: hashing keeps the default priority
  }
  return lowered;
}

/** At most `limit` tasks at once; the others wait in arrival order. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

@Injectable()
export class PasswordService {
  private readonly options: argon2.HashOptions;
  private dummyHash?: Promise<string>;
  /**
   * One hash per core at a time: more only thrash the caches (each takes ARGON2_MEMORY_KIB), and would fill
   * libuv's thread pool, which file and DNS work share.
   */
  private readonly gate = new Gate(availableParallelism());
  private prioritised = false;

  constructor(config: AppConfig) {
    this.options = { type: argon2.argon2id, memoryCost: config.argon2MemoryKib, timeCost: config.argon2TimeCost, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return this.hashing(() => argon2.hash(password, this.options));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.hashing(() => argon2.verify(hash, password));
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

  private async hashing<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(task);
    } finally {
      // The pool's threads exist once it has run something, and stay for the life of the process.
      if (!this.prioritised) this.prioritised = lowerThreadPoolPriority() > 0;
    }
  }
}
