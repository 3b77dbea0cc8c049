// A throwaway embedded PostgreSQL for one benchmark run (never the user's .data): the project's own launcher,
// a temporary data directory, a free loopback port. Also captures the statements a request makes (query log).
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres.ts';

export interface BenchPostgres {
  /** The benchmark database (`bench`). */
  url: string;
  port: number;
  password: string;
  version: string;
  /** The backend pid of our own client (its statements are not the API's). */
  pid: string;
  /** The postmaster's pid: the backends are its children (bench/lib/cpu.mts counts their CPU). */
  postmasterPid: number;
  /** One client on the benchmark database, for seeding and checks. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Environment for libpq tools (pgbench) to reach the benchmark database. */
  libpqEnv(): NodeJS.ProcessEnv;
  /** Logs every statement while `during` runs and returns them with their parameters. */
  capture(during: () => Promise<void>): Promise<LoggedStatement[]>;
  stop(): Promise<void>;
}

export interface LoggedStatement {
  pid: string;
  /** `simple`: a Query message with the values in the text; `extended`: parse/bind/execute with parameters. */
  protocol: 'simple' | 'extended';
  sql: string;
  params: (string | null)[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startBenchPostgres(say: (line: string) => void): Promise<BenchPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'rekisteri-bench-'));
  chmodSync(dir, 0o755); // as root the server runs as the `postgres` user
  const port = await freePort();
  let log = '';
  let capturing = false;
  say(`starting a private embedded PostgreSQL in ${dir} on 127.0.0.1:${port}`);
  const db = await startEmbeddedPostgres({
    dataDir: dir,
    port,
    database: 'bench',
    onLog: (chunk) => {
      if (capturing) log += chunk;
    },
  });
  const password = readFileSync(join(dir, 'postgres-password'), 'utf8').trim();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const sql = async <T,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[];
  const [{ server_version: version }] = await sql<{ server_version: string }>('show server_version');
  const [{ pid }] = await sql<{ pid: number }>('select pg_backend_pid() as pid');

  return {
    url: db.url,
    port,
    password,
    version,
    pid: String(pid),
    // Our own backend's parent.
    postmasterPid: Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]),
    sql,
    libpqEnv: () => ({ ...process.env, PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: password, PGDATABASE: 'bench' }),
    async capture(during) {
      await sql(`alter system set log_statement = 'all'`);
      await sql(`alter system set log_line_prefix = '%m [%p] '`);
      await sql('select pg_reload_conf()');
      await sleep(300);
      log = '';
      capturing = true;
      try {
        await during();
        await sleep(300);
      } finally {
        capturing = false;
        await sql('alter system reset log_statement');
        await sql('alter system reset log_line_prefix');
        await sql('select pg_reload_conf()');
      }
      return parseStatementLog(log);
    },
    async stop() {
      await client.end().catch(() => undefined);
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ENTRY = /^(?:\[STDERR\] )?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\w+):  (.*)$/;

/** Turns `log_statement = all` output into statements, pairing each `execute` with its `Parameters:` detail. */
export function parseStatementLog(text: string): LoggedStatement[] {
  const entries: { pid: string; level: string; message: string }[] = [];
  for (const line of text.split('\n')) {
    const m = ENTRY.exec(line);
    if (m) entries.push({ pid: m[1], level: m[2], message: m[3] });
    else if (entries.length && line.length) entries[entries.length - 1].message += '\n' + line.replace(/^\t/, '');
  }
  const statements: LoggedStatement[] = [];
  for (const entry of entries) {
    const statement = /^(statement|execute [^:]*): ([\s\S]*)$/.exec(entry.message);
    if (entry.level === 'LOG' && statement) {
      statements.push({ pid: entry.pid, protocol: statement[1] === 'statement' ? 'simple' : 'extended', sql: statement[2].trim(), params: [] });
    } else if (entry.level === 'DETAIL' && entry.message.startsWith('Parameters: ')) {
      const owner = [...statements].reverse().find((s) => s.pid === entry.pid);
      if (owner) owner.params = parseParameters(entry.message.slice('Parameters: '.length));
    }
  }
  return statements;
}

function parseParameters(text: string): (string | null)[] {
  const params: (string | null)[] = [];
  for (const m of text.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) params[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3].replace(/''/g, "'");
  return params;
}
