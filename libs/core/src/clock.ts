// The time the services reason with (deadlines, retention, "not in the future"). Production reads the system
// clock; tests hand the app a clock they move, so that no test depends on the day it runs.
import { Injectable } from '@nestjs/common';

const HELSINKI_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Clocks differ: a time this far ahead of ours, given by a client or another machine, is still believed. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The calendar date in Finland (YYYY-MM-DD) at that moment. */
export function helsinkiDate(at: Date): string {
  return HELSINKI_DATE.format(at);
}

@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's calendar date in Finland (YYYY-MM-DD): business dates (issue, due, payment) are Finnish dates. */
  today(): string {
    return helsinkiDate(this.now());
  }
}

/** A clock a test sets and moves; until set it follows the system clock. */
export class ControlledClock extends Clock {
  private fixed?: number;

  override now(): Date {
    return new Date(this.fixed ?? Date.now());
  }

  set(at: Date | string): void {
    this.fixed = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.fixed = (this.fixed ?? Date.now()) + ms;
  }

  reset(): void {
    this.fixed = undefined;
  }

  /** Runs `step` with the clock at `when`, then lets it follow the system again. */
  async during<T>(when: Date | string, step: () => Promise<T>): Promise<T> {
    this.set(when);
    try {
      return await step();
    } finally {
      this.reset();
    }
  }
}
