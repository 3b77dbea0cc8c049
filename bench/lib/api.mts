// The API as it runs in production (`node dist/apps/api/src/main.js`, built by `npm run bench`), as a child
// process on a loopback port, against the benchmark database. Its stdout (pino's JSON lines) goes to a file.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, sleep } from './postgres.mts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN = { email: 'bench-admin@rekisteri.local', password: 'bench admin passphrase' };

export interface ApiOptions {
  databaseUrl: string;
  env?: Record<string, string>;
  /** Write a V8 CPU profile (bench/profiles/) when the process exits. */
  cpuProfile?: boolean;
}

export interface Api {
  origin: string;
  pid: number;
  logFile: string;
  /** Its inspector's loopback port, once SIGUSR1 turns the inspector on (bench/lib/heap.mts). */
  inspectPort: number;
  /** Resident set size now and its peak since the last resetPeak(), in MiB (from /proc). */
  memory(): { rssMiB: number; peakMiB: number };
  resetPeak(): void;
  stop(): Promise<void>;
}

const SESSION_SECRET = 'bench-session-secret-0123456789abcdef0123456789';

export async function startApi(options: ApiOptions): Promise<Api> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'rekisteri-bench-api-'));
  const logFile = join(dataDir, 'api.log');
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    SECURE_COOKIES: 'false', // plain HTTP on loopback; everything else as in production
    PORT: String(port),
    PUBLIC_ORIGIN: origin,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    SESSION_SECRET,
    PLATFORM_ADMIN_EMAIL: ADMIN.email,
    PLATFORM_ADMIN_PASSWORD: ADMIN.password,
    // API_WORKERS=2 npm run bench -- customers: the API as one process per core; DATABASE_POOL_SIZE likewise.
    ...Object.fromEntries(['API_WORKERS', 'DATABASE_POOL_SIZE'].filter((name) => process.env[name]).map((name) => [name, process.env[name]])),
    ...options.env,
  };
  const inspectPort = await freePort();
  // The inspector's port only: it stays off until bench/lib/heap.mts turns it on (SIGUSR1) for the export.
  const flags = [`--inspect-port=127.0.0.1:${inspectPort}`];
  if (options.cpuProfile) flags.push('--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/profiles')}`);
  // API_NODE_FLAGS='--trace-gc' npm run bench -- login: Node/V8 flags for the API process only.
  flags.push(...(process.env.API_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  if (options.cpuProfile) mkdirSync(join(ROOT, 'bench/profiles'), { recursive: true });
  const child = spawn(process.execPath, [...flags, join(ROOT, 'dist/apps/api/src/main.js')], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile);
  // Both streams into one file; neither may end it while the other still writes.
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  child.once('close', () => out.end());
  await waitUntilListening(child, origin, logFile);
  const status = (field: string) => Number(/(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1024;
  return {
    origin,
    pid: child.pid!,
    logFile,
    inspectPort,
    memory: () => ({ rssMiB: status('VmRSS:'), peakMiB: status('VmHWM:') }),
    resetPeak: () => writeClearRefs(child.pid!),
    stop: async () => {
      await stopChild(child);
      // The log, the session secret and the .eml outbox go with it; BENCH_KEEP=1 keeps them to read.
      if (process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilListening(child: ChildProcess, origin: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not start; its log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
}

/** Resets the kernel's peak-RSS counter (VmHWM) of the process: `echo 5 > /proc/PID/clear_refs`. */
function writeClearRefs(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not permitted: the peak then counts from the start of the process
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
