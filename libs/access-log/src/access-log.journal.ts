// A local journal of access-log rows, so that a crash of the API process loses no answered request's row.
//
// Each row is appended (one write(2), no fsync) before its response is sent; the database writer stays batched.
// Every batch written to the database also records, in the same statement, how far into the journal it got
// (platform.access_log_journal). At start, journals of processes that are gone are replayed from that mark:
// nothing twice, nothing lost. A process that dies loses nothing (the kernel holds the written bytes); a machine
// that loses power can lose what the kernel had not yet put on disk (a few seconds).
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessLogRow } from './access-log.writer';

/** A journal file is closed and a new one begun past this size; closed ones go once their rows are in the database. */
const SEGMENT_BYTES = 8 * 1024 * 1024;
const FILE = /^(\d+)-([0-9a-f-]{36})\.(\d+)\.jsonl$/;

export interface JournalMark {
  journal: string;
  seq: number;
}

/** A row as the journal keeps it: its position, then its fields. */
type Line = [seq: number, loggedAt: string, ip: string | null, method: string, route: string, status: number, latencyMs: number, tenantId: string | null, principal: string | null, requestId: string];

export class AccessLogJournal {
  /** This process's journal; segments are `<pid>-<id>.<n>.jsonl`. */
  readonly id = randomUUID();
  private seq = 0;
  private segment = 0;
  private fd: number;
  private bytes = 0;
  /** Closed segments and the last seq each holds. */
  private readonly closed: { file: string; lastSeq: number }[] = [];

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.fd = this.open();
  }

  /** Appends the row; returns its position. Throws only if the disk refuses (the caller logs and goes on). */
  append(row: AccessLogRow): number {
    const seq = ++this.seq;
    const line: Line = [seq, row.loggedAt.toISOString(), row.ip, row.method, row.route, row.status, row.latencyMs, row.tenantId, row.principal, row.requestId];
    const text = JSON.stringify(line) + '\n';
    this.bytes += writeSync(this.fd, text);
    if (this.bytes >= SEGMENT_BYTES) this.rotate(seq);
    return seq;
  }

  /** Rows up to `seq` are in the database: closed segments wholly before it are no longer needed. */
  written(seq: number): void {
    while (this.closed.length && this.closed[0].lastSeq <= seq) rmSync(this.closed.shift()!.file, { force: true });
  }

  /** Everything is in the database (a clean shutdown): the journal goes. */
  discard(): void {
    closeSync(this.fd);
    for (const file of this.files()) rmSync(join(this.dir, file), { force: true });
  }

  /** Keeps the journal for the next start to replay (the database was away at shutdown). */
  keep(): void {
    closeSync(this.fd);
  }

  /**
   * Journals left behind by processes that are gone (a crash, a kill -9), each claimed by renaming it so that
   * two starting workers never replay the same one. A journal of a live process (another worker) is left alone.
   */
  claimOrphans(): { journal: string; files: string[] }[] {
    const byJournal = new Map<string, string[]>();
    for (const name of readdirSync(this.dir)) {
      const match = FILE.exec(name);
      if (!match || match[2] === this.id || isAlive(Number(match[1]))) continue;
      const claimed = `${name}.replaying-${this.id}`;
      try {
        renameSync(join(this.dir, name), join(this.dir, claimed));
      } catch {
        continue; // another process claimed it first
      }
      const files = byJournal.get(match[2]) ?? [];
      files.push(join(this.dir, claimed));
      byJournal.set(match[2], files);
    }
    return [...byJournal].map(([journal, files]) => ({ journal, files: files.sort(bySegment) }));
  }

  /** Claimed files whose rows are in the database. */
  remove(files: string[]): void {
    for (const file of files) rmSync(file, { force: true });
  }

  /** Puts claimed files back for a later start (replay failed). */
  unclaim(files: string[]): void {
    for (const file of files) if (existsSync(file)) renameSync(file, file.replace(/\.replaying-[0-9a-f-]{36}$/, ''));
  }

  private files(): string[] {
    return readdirSync(this.dir).filter((name) => FILE.exec(name)?.[2] === this.id);
  }

  private open(): number {
    return openSync(join(this.dir, `${process.pid}-${this.id}.${this.segment}.jsonl`), 'a', 0o600);
  }

  private rotate(lastSeq: number): void {
    closeSync(this.fd);
    this.closed.push({ file: join(this.dir, `${process.pid}-${this.id}.${this.segment}.jsonl`), lastSeq });
    this.segment++;
    this.bytes = 0;
    this.fd = this.open();
  }
}

/** The rows of a claimed journal after `after`, in order; a torn last line (the crash mid-write) is skipped. */
export function* journalRows(files: string[], after: number): Generator<AccessLogRow & { seq: number }> {
  for (const file of files) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (!text) continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        continue;
      }
      const [seq, loggedAt, ip, method, route, status, latencyMs, tenantId, principal, requestId] = line;
      if (seq > after) yield { seq, loggedAt: new Date(loggedAt), ip, method, route, status, latencyMs, tenantId, principal, requestId };
    }
  }
}

function bySegment(a: string, b: string): number {
  const n = (f: string) => Number(/\.(\d+)\.jsonl/.exec(f)?.[1] ?? 0);
  return n(a) - n(b);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // an earlier life of this pid (a container restarts as pid 1)
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
