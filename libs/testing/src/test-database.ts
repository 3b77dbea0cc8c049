// The test PostgreSQL: the embedded one by default, or TEST_DATABASE_URL. Migrations run once into a
// template database; every test file gets its own cheap copy (CREATE DATABASE ... TEMPLATE).
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrateSchemaInTransaction, quoteIdent, startEmbeddedPostgres } from '@app/database';
import { PLATFORM_SCHEMA, platformMigrations } from '@migrations/platform';
import { tenancyEntities } from '@app/tenancy';
import { authEntities } from '@app/auth';

export const TEMPLATE_DATABASE = 'rekisteri_test_template';
const SERVER_ENV = 'REKISTERI_TEST_SERVER_URL';

/** A database this harness may create and drop: never anything that is not plainly a test one. */
export function assertTestDatabase(name: string): void {
  if (!/^(rekisteri_test_|test_)[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to touch database ${name}: not a test database`);
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + database;
  return url.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function admin<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** jest globalSetup: start the server (or use the given one) and build the migrated template. */
export async function setupTestServer(): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => undefined as void;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'rekisteri-test-'));
    chmodSync(dir, 0o755); // the embedded server runs as the `postgres` user when we are root
    const db = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'postgres' });
    serverUrl = db.adminUrl + '/postgres';
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  process.env[SERVER_ENV] = serverUrl;
  await admin(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'rekisteri_test_%' or datname like 'test_%'`);
    for (const { datname } of rows) {
      assertTestDatabase(datname);
      await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
    }
    await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`);
  });
  const orm = await MikroORM.init({ clientUrl: withDatabase(serverUrl, TEMPLATE_DATABASE), entities: [...tenancyEntities, ...authEntities], allowGlobalContext: false });
  try {
    await orm.em.fork().transactional((em) => migrateSchemaInTransaction(em, PLATFORM_SCHEMA, platformMigrations, { onCoordinator: true }));
  } finally {
    await orm.close(true);
  }
  return stop;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env[SERVER_ENV];
  if (!serverUrl) throw new Error('The test server is not set up: run the tests through jest (globalSetup)');
  const name = `test_${randomBytes(6).toString('hex')}`;
  assertTestDatabase(name);
  await admin(serverUrl, (client) => client.query(`create database ${quoteIdent(name)} template ${quoteIdent(TEMPLATE_DATABASE)}`));
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined),
  };
}
