// The tenant backup file: gzip of a line-oriented text, readable with zcat.
//
//   line 1        header (JSON): format and version, tenant id and slug, schema, applied tenant migrations,
//                 creation time, and the tables with their columns, in foreign-key order
//   per table     its rows in PostgreSQL's COPY text format (one row a line: COPY escapes newlines in
//                 values), then a line `\.` (a row can never be that line: COPY writes a backslash as `\\`)
//   last line     trailer (JSON): rows per table and the SHA-256 of every byte before it
//
// gzip's CRC catches damage to the compressed stream; the trailer catches a file cut short or edited.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { TableInfo } from './tenant-tables';
import { BackupErrorCode, BackupException } from './backup.errors';

export const BACKUP_FORMAT = 'rekisteri-tenant-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const END_OF_TABLE = Buffer.from('\\.\n');
const NEWLINE = 0x0a;
/** Far above any row this register holds; a damaged stream without newlines must not eat the memory. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  tenant: { id: string; slug: string };
  schema: string;
  /** The tenant migrations applied to the schema when it was backed up, sorted by name. */
  migrations: string[];
  createdAt: string;
  postgresVersion: string;
  tables: TableInfo[];
}

export interface BackupTrailer {
  end: true;
  rows: Record<string, number>;
  sha256: string;
}

export function headerLine(header: BackupHeader): Buffer {
  return Buffer.from(JSON.stringify(header) + '\n');
}

export function trailerLine(trailer: BackupTrailer): Buffer {
  return Buffer.from(JSON.stringify(trailer) + '\n');
}

export function countRows(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/** Lines of a byte stream, without their newline; a last line without one is returned as it is. */
export async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      yield pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw new BackupException(BackupErrorCode.Corrupt, 'A line of the backup is longer than any row can be.');
    }
  }
  if (pending.length) yield Buffer.concat(pending);
}

function parseJson(line: Buffer | undefined): unknown {
  try {
    return line ? JSON.parse(line.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function asHeader(value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | undefined;
  if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT) throw new BackupException(BackupErrorCode.NotABackup, 'The first line is not a tenant backup header.');
  if (h.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupException(BackupErrorCode.UnsupportedFormat, `Format version ${String(h.formatVersion)}; this version reads ${BACKUP_FORMAT_VERSION}.`);
  }
  const tablesOk =
    Array.isArray(h.tables) &&
    h.tables.every((t) => t && typeof t.name === 'string' && NAME.test(t.name) && isStringArray(t.columns) && t.columns.every((c) => NAME.test(c)));
  if (!h.tenant || typeof h.tenant.id !== 'string' || typeof h.schema !== 'string' || !isStringArray(h.migrations) || typeof h.createdAt !== 'string' || !tablesOk) {
    throw new BackupException(BackupErrorCode.Corrupt, 'The backup header is incomplete.');
  }
  return h as BackupHeader;
}

/**
 * Reads a backup front to back, once: the header, then each table's rows in order, then the trailer, which
 * must agree with what was read. Nothing read may be trusted until finish() has returned.
 */
export class BackupReader {
  private readonly hash: Hash = createHash('sha256');
  private readonly counted: Record<string, number> = {};
  private readonly source: NodeJS.ReadableStream & { destroy(): void };
  private readonly it: AsyncIterator<Buffer>;

  private constructor(path: string) {
    const file = createReadStream(path);
    const gunzip = createGunzip();
    // A read error of the file (missing, unreadable) surfaces through the gunzip stream we iterate.
    file.on('error', (error) => gunzip.destroy(error));
    this.source = file.pipe(gunzip);
    this.it = lines(this.source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  static open(path: string): BackupReader {
    return new BackupReader(path);
  }

  async header(): Promise<BackupHeader> {
    const line = await this.next();
    return asHeader(parseJson(line));
  }

  /** The rows of the next table, each a COPY text line without its newline. */
  async *rows(table: string): AsyncGenerator<Buffer> {
    let n = 0;
    for (;;) {
      const line = await this.next();
      if (line === undefined) throw new BackupException(BackupErrorCode.Corrupt, `The backup ends inside table ${table}.`);
      if (line.length === 2 && line[0] === 0x5c && line[1] === 0x2e) break; // `\.`
      n++;
      yield line;
    }
    this.counted[table] = n;
  }

  /** Checks the trailer against what was read, and that nothing follows it. */
  async finish(): Promise<BackupTrailer> {
    const digest = this.hash.copy().digest('hex');
    const trailer = parseJson(await this.raw()) as Partial<BackupTrailer> | undefined;
    if (!trailer || trailer.end !== true || typeof trailer.rows !== 'object' || trailer.rows === null) {
      throw new BackupException(BackupErrorCode.Corrupt, 'The backup has no trailer: it was cut short.');
    }
    if ((await this.raw()) !== undefined) throw new BackupException(BackupErrorCode.Corrupt, 'Something follows the trailer.');
    if (trailer.sha256 !== digest) throw new BackupException(BackupErrorCode.Corrupt, 'The backup does not match its checksum.');
    const expected = JSON.stringify(Object.entries(trailer.rows).sort());
    if (expected !== JSON.stringify(Object.entries(this.counted).sort())) throw new BackupException(BackupErrorCode.Corrupt, 'The row counts do not match the trailer.');
    return trailer as BackupTrailer;
  }

  close(): void {
    this.source.destroy();
  }

  /** The next line, counted into the checksum. */
  private async next(): Promise<Buffer | undefined> {
    const line = await this.raw();
    if (line !== undefined) this.hash.update(line).update('\n');
    return line;
  }

  private async raw(): Promise<Buffer | undefined> {
    try {
      const result = await this.it.next();
      return result.done ? undefined : result.value;
    } catch (error) {
      throw readFailure(error);
    }
  }
}

function readFailure(error: unknown): Error {
  if (error instanceof BackupException) return error;
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return new BackupException(BackupErrorCode.NotABackup, `The file cannot be read (${code}).`);
  if (code === 'Z_DATA_ERROR' && /header/.test(message ?? '')) return new BackupException(BackupErrorCode.NotABackup, 'The file is not gzip-compressed.');
  return new BackupException(BackupErrorCode.Corrupt, `The compressed data is damaged (${code ?? message ?? 'unknown'}).`);
}
