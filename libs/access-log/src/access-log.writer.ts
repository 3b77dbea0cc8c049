// Batches access-log rows off the request path: requests only push into a bounded buffer; a timer (or a
// full batch) writes them with one INSERT per batch. While the database is away rows wait, the oldest
// dropped (and counted) once the buffer is full; nothing here ever blocks or fails a request.
import { RingBuffer } from './ring-buffer';

export interface AccessLogRow {
  loggedAt: Date;
  ip: string | null;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  tenantId: string | null;
  principal: string | null;
  requestId: string;
  /** Its position in this process's journal (access-log.journal.ts), when it has one. */
  seq?: number;
}

export interface WriterOptions {
  /** Rows kept while the database cannot take them; beyond this the oldest are dropped. */
  capacity: number;
  /** Rows per INSERT; a buffer this full is written without waiting for the timer. */
  batchSize: number;
  intervalMs: number;
}

/** What the writer reports; codes are SQLSTATEs or Node error codes, never messages (they can quote values). */
export interface WriterEvents {
  failing?(code: string | undefined, buffered: number): void;
  /** Writes succeed again; `dropped` rows were evicted since the last report. */
  recovered?(dropped: number): void;
  /** The database keeps up but the buffer overflowed (it is slower than the traffic). */
  overflowed?(dropped: number): void;
  rejected?(code: string | undefined, rows: number): void;
}

export interface WriterStats {
  buffered: number;
  written: number;
  /** Evicted from a full buffer, or recorded after shutdown. */
  dropped: number;
  /** Refused by the database as data errors (they would fail again); not retried. */
  rejected: number;
  failing: boolean;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a failed write may succeed later. Data exceptions (SQLSTATE class 22) and integrity violations
 * (23) would fail the same way again, so such a batch is given up; anything else (a connection refused
 * or reset, a server shutting down, a table being migrated) is retried with the rows kept.
 */
export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return !(code && /^2[23][0-9A-Z]{3}$/.test(code));
}

export class AccessLogWriter {
  private readonly buffer: RingBuffer<AccessLogRow>;
  private chain: Promise<void> = Promise.resolve();
  /** Flushes queued or running; at most one runs at a time. */
  private queued = 0;
  private failing = false;
  private closed = false;
  private timer?: NodeJS.Timeout;
  private written = 0;
  private rejected = 0;
  private droppedReported = 0;

  constructor(
    private readonly sink: (rows: AccessLogRow[]) => Promise<void>,
    private readonly options: WriterOptions,
    private readonly events: WriterEvents = {},
  ) {
    this.buffer = new RingBuffer(options.capacity);
  }

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Called once per request when its response is done: a push, nothing more. */
  record(row: AccessLogRow): void {
    if (this.closed) {
      this.buffer.dropped++;
      return;
    }
    this.buffer.push(row);
    if (this.buffer.size >= this.options.batchSize) this.kick();
  }

  /** Writes every row recorded before the call; resolves (never rejects) when done or when the database refused. */
  flush(): Promise<void> {
    const mark = this.buffer.mark;
    this.queued++;
    this.chain = this.chain
      .then(() => this.drain(mark))
      .catch(() => undefined) // a throwing event handler must not leave the chain rejected, and the writer dead
      .finally(() => {
        this.queued--;
        // Rows that arrived meanwhile: a full batch goes now rather than on the next tick.
        if (this.buffer.size >= this.options.batchSize) this.kick();
      });
    return this.chain;
  }

  /** Stops the timer and writes what is left (application shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    this.closed = true;
  }

  stats(): WriterStats {
    return { buffered: this.buffer.size, written: this.written, dropped: this.buffer.dropped, rejected: this.rejected, failing: this.failing };
  }

  private reportWritten(): void {
    const dropped = this.buffer.dropped - this.droppedReported;
    this.droppedReported = this.buffer.dropped;
    if (this.failing) {
      this.failing = false;
      this.events.recovered?.(dropped);
    } else if (dropped > 0) {
      this.events.overflowed?.(dropped);
    }
  }

  /** The timer: the only retry while the database is away, so a dead database costs one attempt per interval. */
  private tick(): void {
    if (this.queued === 0) void this.flush();
  }

  /** A full batch: write it now, unless a flush is already on its way or the database is away. */
  private kick(): void {
    if (this.queued === 0 && !this.failing && !this.closed) void this.flush();
  }

  private async drain(mark: number): Promise<void> {
    while (this.buffer.holdsBefore(mark)) {
      const batch = this.buffer.peek(this.options.batchSize, mark);
      try {
        await this.sink(batch.items);
        this.written += batch.items.length;
        this.reportWritten();
      } catch (error) {
        if (isRetryable(error)) {
          if (!this.failing) {
            this.failing = true;
            this.events.failing?.(errorCode(error), this.buffer.size);
          }
          return; // keep the rows; the timer tries again
        }
        this.rejected += batch.items.length;
        this.events.rejected?.(errorCode(error), batch.items.length);
      }
      this.buffer.commit(batch.upTo);
    }
  }
}
