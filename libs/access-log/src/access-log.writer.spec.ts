import { type AccessLogRow, AccessLogWriter, isRetryable } from './access-log.writer';

const row = (n: number): AccessLogRow => ({
  loggedAt: new Date(),
  ip: '203.0.113.7',
  method: 'GET',
  route: `/api/r${n}`,
  status: 200,
  latencyMs: 1,
  tenantId: null,
  principal: null,
  requestId: '00000000-0000-4000-8000-' + String(n).padStart(12, '0'),
});

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const badData = Object.assign(new Error('invalid input syntax'), { code: '22P02' });

/** A stand-in for the database: records what it was given, or fails while told to. */
class Sink {
  batches: AccessLogRow[][] = [];
  failWith: Error | null = null;
  write = async (rows: AccessLogRow[]) => {
    if (this.failWith) throw this.failWith;
    this.batches.push(rows);
  };
  get routes() {
    return this.batches.flat().map((r) => r.route);
  }
}

describe('the access log writer', () => {
  it('writes nothing on the request path, then everything recorded in batches of at most batchSize', async () => {
    const sink = new Sink();
    const writer = new AccessLogWriter(sink.write, { capacity: 100, batchSize: 3, intervalMs: 60_000 });
    for (let n = 1; n <= 2; n++) writer.record(row(n));
    expect(sink.batches).toEqual([]);
    for (let n = 3; n <= 7; n++) writer.record(row(n));
    await writer.flush();
    expect(sink.batches.map((b) => b.length).every((size) => size <= 3)).toBe(true);
    expect(sink.routes).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `/api/r${n}`));
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 7, dropped: 0 });
  });

  it('keeps rows while the database is away, drops the oldest beyond capacity, and writes the rest once it is back', async () => {
    const sink = new Sink();
    const events: string[] = [];
    const writer = new AccessLogWriter(sink.write, { capacity: 5, batchSize: 100, intervalMs: 60_000 }, {
      failing: (code) => events.push(`failing ${code}`),
      recovered: (dropped) => events.push(`recovered, ${dropped} dropped`),
    });
    sink.failWith = refused;
    for (let n = 1; n <= 8; n++) writer.record(row(n));
    await expect(writer.flush()).resolves.toBeUndefined(); // never throws at the caller
    await writer.flush();
    expect(writer.stats()).toMatchObject({ buffered: 5, dropped: 3, failing: true });
    sink.failWith = null;
    await writer.flush();
    expect(sink.routes).toEqual([4, 5, 6, 7, 8].map((n) => `/api/r${n}`));
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 5, dropped: 3, failing: false });
    expect(events).toEqual(['failing ECONNREFUSED', 'recovered, 3 dropped']);
  });

  it('gives up a batch the database refuses as bad data instead of retrying it forever', async () => {
    const sink = new Sink();
    const rejected: number[] = [];
    const writer = new AccessLogWriter(sink.write, { capacity: 10, batchSize: 2, intervalMs: 60_000 }, { rejected: (_code, rows) => rejected.push(rows) });
    sink.failWith = badData;
    writer.record(row(1));
    writer.record(row(2));
    await writer.flush();
    sink.failWith = null;
    writer.record(row(3));
    await writer.flush();
    expect(sink.routes).toEqual(['/api/r3']);
    expect(rejected).toEqual([2]);
    expect(writer.stats()).toMatchObject({ rejected: 2, written: 1, buffered: 0 });
  });

  it('flushes on the timer, and writes what is left at close; later rows are counted as dropped', async () => {
    const sink = new Sink();
    const writer = new AccessLogWriter(sink.write, { capacity: 10, batchSize: 100, intervalMs: 10 });
    writer.start();
    writer.record(row(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sink.routes).toEqual(['/api/r1']);
    writer.record(row(2));
    await writer.close();
    expect(sink.routes).toEqual(['/api/r1', '/api/r2']);
    writer.record(row(3));
    expect(writer.stats()).toMatchObject({ dropped: 1, buffered: 0 });
  });

  it('tries a dead database once per flush, not once per request', async () => {
    let attempts = 0;
    const writer = new AccessLogWriter(
      async () => {
        attempts++;
        throw refused;
      },
      { capacity: 1_000, batchSize: 2, intervalMs: 60_000 },
    );
    writer.record(row(1));
    writer.record(row(2)); // a full batch: written at once, and the database is found away
    await writer.flush();
    const afterFailure = attempts;
    for (let n = 3; n <= 200; n++) writer.record(row(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(attempts).toBe(afterFailure); // only the timer (or an explicit flush) retries
    await writer.flush();
    expect(attempts).toBe(afterFailure + 1);
    expect(writer.stats()).toMatchObject({ buffered: 200, failing: true });
  });

  it('survives an event handler that throws', async () => {
    const sink = new Sink();
    const writer = new AccessLogWriter(sink.write, { capacity: 10, batchSize: 10, intervalMs: 60_000 }, {
      failing: () => {
        throw new Error('logger broke');
      },
    });
    sink.failWith = refused;
    writer.record(row(1));
    await expect(writer.flush()).resolves.toBeUndefined();
    sink.failWith = null;
    await writer.flush();
    expect(sink.routes).toEqual(['/api/r1']);
  });

  it.each([
    [refused, true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    [Object.assign(new Error('relation does not exist'), { code: '42P01' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [badData, false],
    [Object.assign(new Error('no partition of relation found for row'), { code: '23514' }), false],
  ])('retries %s: %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});
