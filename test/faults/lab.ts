// The fault lab: a PostgreSQL and API processes of its own, to restart, stop and kill at will, and clients
// that keep them busy meanwhile. The API is the built one (`dist/`), started as `npm start` would start it;
// it is built first when missing or older than the sources.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@app/database';

const ROOT = resolve(__dirname, '../..');
const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `nest build api` unless dist/ is newer than every source file (CI builds before testing). */
export function ensureBuilt(): void {
  const built = existsSync(API_MAIN) ? statSync(API_MAIN).mtimeMs : 0;
  if (built > Math.max(...['apps/api', 'libs', 'migrations'].map((d) => newestSource(join(ROOT, d))))) return;
  const result = spawnSync(join(ROOT, 'node_modules/.bin/nest'), ['build', 'api'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nest build api failed:\n${result.stdout}\n${result.stderr}`);
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // as root, the embedded server runs as the `postgres` user
  return dir;
}

/** A PostgreSQL of the lab's own, stopped (fast shutdown, like `pg_ctl restart -m fast`) and started at will. */
export class LabPostgres {
  private db?: EmbeddedDatabase;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<LabPostgres> {
    const lab = new LabPostgres(tempDir('rekisteri-fault-pg-'), await freePort());
    await lab.up();
    return lab;
  }

  get url(): string {
    return this.db!.url;
  }

  async up(): Promise<void> {
    this.db = await startEmbeddedPostgres({ dataDir: this.dir, port: this.port, database: 'rekisteri', supervise: false });
  }

  /** SIGINT: PostgreSQL's fast shutdown (sessions are ended, transactions rolled back). */
  async down(): Promise<void> {
    await this.db?.stop();
  }

  async restart(pauseMs = 500): Promise<void> {
    await this.down();
    await sleep(pauseMs);
    await this.up();
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    await this.down().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ApiOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (a restart of the same installation). */
  dataDir?: string;
}

export const ADMIN = { email: 'admin@fault.test', password: 'fault-lab-admin-' + randomBytes(8).toString('hex') };

/** The API as its own process; its output is kept for assertions. */
export class LabApi {
  output = '';
  private exited?: Promise<void>;
  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.exited = new Promise((done) => process.once('exit', () => done()));
    for (const stream of [process.stdout, process.stderr]) stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(databaseUrl: string | undefined, options: ApiOptions = {}): Promise<LabApi> {
    ensureBuilt();
    const port = await freePort();
    const dataDir = options.dataDir ?? tempDir('rekisteri-fault-data-');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      SESSION_SECRET: 'fault-lab-session-secret-' + 'x'.repeat(32),
      PLATFORM_ADMIN_EMAIL: ADMIN.email,
      PLATFORM_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    };
    const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const api = new LabApi(child, port, dataDir);
    await api.waitUntil(() => api.output.includes('Rekisteri listens'), 60_000, 'the API to listen');
    return api;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (this.process.exitCode !== null) throw new Error(`the API exited while waiting for ${what}:\n${this.output.slice(-4000)}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${this.output.slice(-4000)}`);
      await sleep(100);
    }
  }

  /** kill -9: no shutdown hooks, no flush. */
  async crash(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGTERM');
    await Promise.race([this.exited, sleep(15_000)]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
  ms: number;
}

/** A client with one cookie jar (one session), every request bounded in time: a hang is a failure, not a wait. */
export class LabClient {
  private cookie?: string;
  constructor(
    private readonly base: string,
    private readonly timeoutMs = 20_000,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<Answer> {
    const started = Date.now();
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers, ms: Date.now() - started };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}) => this.request('POST', path, body);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
}

export interface LabTenant {
  slug: string;
  owner: { email: string; password: string };
}

/** Onboards a tenant through the API as the first admin and sets its owner's password. */
export async function onboardTenant(api: LabApi): Promise<LabTenant> {
  const admin = new LabClient(api.base);
  expect((await admin.post('/api/platform/login', ADMIN)).status).toBe(200);
  const slug = 'fault-' + randomBytes(4).toString('hex');
  const onboarded = await admin.post('/api/platform/tenants', {
    slug,
    legalName: 'Vikasieto Oy',
    businessId: '2832233-5',
    streetAddress: 'Merivirta 5A',
    postalCode: '02320',
    city: 'Espoo',
    contactEmail: `owner@${slug}.test`,
    contactPerson: 'Olli Omistaja',
  });
  expect(onboarded.status).toBe(201);
  const token = new URL((onboarded.body as { owner: { invitationUrl: string } }).owner.invitationUrl).hash.replace('#token=', '');
  const password = 'a long owner passphrase ' + randomBytes(6).toString('hex');
  expect((await new LabClient(api.base).post(`/api/t/${slug}/invitations/accept`, { token, password })).status).toBe(204);
  return { slug, owner: { email: `owner@${slug}.test`, password } };
}

export async function signIn(api: LabApi, tenant: LabTenant): Promise<LabClient> {
  const client = new LabClient(api.base);
  const res = await client.post(`/api/t/${tenant.slug}/login`, tenant.owner);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** Sessions of one account, signed in one after another (parallel logins of one account count against its throttle). */
export async function signInMany(api: LabApi, tenant: LabTenant, count: number): Promise<LabClient[]> {
  const clients: LabClient[] = [];
  for (let i = 0; i < count; i++) clients.push(await signIn(api, tenant));
  return clients;
}

/** Load from several clients until stopped; every answer is kept. */
export class Load {
  readonly answers: (Answer & { kind: string; at: number })[] = [];
  readonly failures: { kind: string; error: string; at: number }[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(workers: { kind: string; client: LabClient; next: () => Promise<Answer> }[]) {
    for (const worker of workers) this.loops.push(this.loop(worker.kind, worker.next));
  }

  private async loop(kind: string, next: () => Promise<Answer>): Promise<void> {
    while (this.running) {
      try {
        this.answers.push({ ...(await next()), kind, at: Date.now() });
      } catch (error) {
        this.failures.push({ kind, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), at: Date.now() });
        await sleep(50);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  statuses(): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const a of this.answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return counts;
  }
}
