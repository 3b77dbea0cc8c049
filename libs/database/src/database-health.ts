// Is the database there? Answered within a second whatever the request pools are doing: the probe has its own
// single connection with short timeouts, and concurrent health checks share one probe instead of queueing.
import { Pool } from 'pg';
import { unavailableFailure } from '@app/core';
import { embeddedDatabaseState, type EmbeddedState } from './embedded-postgres';

const PROBE_TIMEOUT_MS = 800;

export interface HealthReport {
  database: 'up' | 'down';
  /** Why the database is down, in a few words (no paths, hosts or messages that could quote data). */
  reason?: string;
  embedded?: { running: boolean; restarts: number; gaveUp: boolean };
}

export class DatabaseHealth {
  private readonly pool: Pool;
  private inFlight?: Promise<HealthReport>;

  constructor(url: string) {
    this.pool = new Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      statement_timeout: PROBE_TIMEOUT_MS,
      application_name: 'rekisteri-health',
    });
    this.pool.on('error', () => undefined);
  }

  check(): Promise<HealthReport> {
    this.inFlight ??= this.probe().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async probe(): Promise<HealthReport> {
    const embedded = embeddedDatabaseState();
    try {
      await this.pool.query('select 1');
      return { database: 'up', ...(embedded ? { embedded: summary(embedded) } : {}) };
    } catch (error) {
      return { database: 'down', reason: downReason(error, embedded), ...(embedded ? { embedded: summary(embedded) } : {}) };
    }
  }
}

function summary(state: EmbeddedState): HealthReport['embedded'] {
  return { running: state.running, restarts: state.restarts, gaveUp: state.gaveUp };
}

function downReason(error: unknown, embedded: EmbeddedState | undefined): string {
  if (embedded && !embedded.running) {
    const why = /No space left on device/i.test(embedded.lastExit?.reason ?? '') ? 'the disk is full' : `it exited (${embedded.lastExit?.signal ?? `code ${embedded.lastExit?.code}`})`;
    return `The embedded PostgreSQL stopped: ${why}; ${embedded.gaveUp ? 'restarts gave up, see postgres.log in the data folder' : 'restarting'}.`;
  }
  const failure = unavailableFailure(error);
  return failure ? `The database does not answer (${failure.code}).` : 'The database does not answer.';
}
