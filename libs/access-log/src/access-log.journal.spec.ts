import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessLogJournal, journalRows } from './access-log.journal';
import type { AccessLogRow } from './access-log.writer';

const row = (n: number): AccessLogRow => ({
  loggedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, n)),
  ip: '192.0.2.1',
  method: 'GET',
  route: '/api/health',
  status: 200,
  latencyMs: n,
  tenantId: null,
  principal: null,
  requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

describe('the access-log journal', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'journal-'));

  it('numbers rows and gives them back after a mark, skipping a line torn by a crash', () => {
    const d = dir();
    const journal = new AccessLogJournal(d);
    expect([1, 2, 3].map((n) => journal.append(row(n)))).toEqual([1, 2, 3]);
    const [file] = readdirSync(d);
    appendFileSync(join(d, file), '[4,"2026-12-01T1'); // the process died mid-write
    const rows = [...journalRows([join(d, file)], 1)];
    expect(rows.map((r) => r.seq)).toEqual([2, 3]);
    expect(rows[0]).toEqual({ ...row(2), seq: 2 });
  });

  it('claims only journals of processes that are gone, once', () => {
    const d = dir();
    const mine = new AccessLogJournal(d);
    mine.append(row(1));
    const dead = `999999999-11111111-1111-4111-8111-111111111111.0.jsonl`;
    const alive = `1-22222222-2222-4222-8222-222222222222.0.jsonl`; // pid 1 is always alive
    writeFileSync(join(d, dead), JSON.stringify([1, ...Object.values(row(5))]) + '\n');
    writeFileSync(join(d, alive), '');
    const claimed = mine.claimOrphans();
    expect(claimed).toEqual([{ journal: '11111111-1111-4111-8111-111111111111', files: [expect.stringContaining(dead + '.replaying-')] }]);
    // Claimed (renamed) journals are not claimed again.
    expect(mine.claimOrphans()).toEqual([]);
    mine.unclaim(claimed[0].files);
    expect(readdirSync(d)).toContain(dead);
  });

  it('claims an earlier life of its own pid (a container restarts as the same pid)', () => {
    const d = dir();
    const earlier = new AccessLogJournal(d);
    earlier.append(row(1));
    earlier.keep();
    const now = new AccessLogJournal(d);
    expect(now.claimOrphans().map((o) => o.journal)).toEqual([earlier.id]);
  });

  it('removes its files on a clean shutdown', () => {
    const d = dir();
    const journal = new AccessLogJournal(d);
    journal.append(row(1));
    journal.discard();
    expect(readdirSync(d)).toEqual([]);
  });

  it('keeps the segments in order when claimed', () => {
    const d = dir();
    const id = '33333333-3333-4333-8333-333333333333';
    for (const n of [10, 2, 1]) writeFileSync(join(d, `999999998-${id}.${n}.jsonl`), JSON.stringify([n, ...Object.values(row(n))]) + '\n');
    const [claimed] = new AccessLogJournal(d).claimOrphans();
    expect(claimed.files.map((f) => /\.(\d+)\.jsonl/.exec(f)![1])).toEqual(['1', '2', '10']);
  });
});
