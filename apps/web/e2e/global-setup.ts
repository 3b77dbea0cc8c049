// Starts the built API (dist/) with an embedded PostgreSQL in a fresh data folder on free ports, and a platform
// admin from PLATFORM_ADMIN_EMAIL/PASSWORD through which each test onboards its own tenant. Returns the teardown.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, exited: () => string | null, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure) throw new Error(`The API stopped before it answered:\n${failure}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not answer ${url} within ${timeoutMs / 1000} s`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const main = join(repo, 'dist/apps/api/src/main.js');
  const webDir = join(repo, 'dist/web');
  if (!existsSync(main) || !existsSync(join(webDir, 'index.html'))) throw new Error('Build first: npm run build (npm run test:web does)');
  const dataDir = mkdtempSync(join(tmpdir(), 'rekisteri-web-e2e-'));
  chmodSync(dataDir, 0o755); // as root, the embedded server runs as the `postgres` user
  const [port, pgPort] = [await freePort(), await freePort()];
  const admin = { email: 'admin@e2e.test', password: 'e2e-admin-password-long-enough' };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_DIR: webDir,
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    PLATFORM_ADMIN_EMAIL: admin.email,
    PLATFORM_ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    // Journeys sign in many times, some of them with a wrong password on purpose, from one address.
    LOGIN_MAX_FAILURES_PER_ADDRESS: '10000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '10000',
  };
  delete env.DATABASE_URL;
  const child = spawn(join(repo, 'node_modules/.bin/node'), [main], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exitCode: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', (code) => (exitCode = code ?? -1));

  const baseUrl = `http://localhost:${port}`;
  await waitForHealth(`${baseUrl}/api/health`, () => (exitCode === null ? null : output));
  Object.assign(process.env, { E2E_BASE_URL: baseUrl, E2E_DATA_DIR: dataDir, E2E_POSTGRES_PORT: String(pgPort), E2E_ADMIN_EMAIL: admin.email, E2E_ADMIN_PASSWORD: admin.password });

  return async () => {
    if (exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (exitCode === null) child.kill('SIGKILL');
    }
    if (process.env.E2E_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
  };
}
