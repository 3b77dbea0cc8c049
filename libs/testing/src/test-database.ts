// The test PostgreSQL: the embedded one by default, or TEST_DATABASE_URL. Migrations run once into a
// template database; every test file gets its own cheap copy (CREATE DATABASE ... TEMPLATE).
// On a Citus coordinator (TEST_DATABASE_URL at it) no template can be copied: Citus keeps a maintenance connection
// open to every database that has the extension, and PostgreSQL copies no database someone is connected to. So each
// test file gets a database built afresh on every node (the extension, the workers registered, the platform migrated):
// a few seconds per file, and the same isolation between files as on PostgreSQL.
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

/** The nodes of a Citus cluster whose coordinator `serverUrl` is, or null on plain PostgreSQL. */
export async function citusWorkers(serverUrl: string): Promise<{ host: string; port: number }[] | null> {
  return admin(serverUrl, async (client) => {
    const { rows } = await client.query<{ citus: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as citus`);
    if (!rows[0].citus) return null;
    const nodes = await client.query<{ nodename: string; nodeport: number }>(
      `select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' and isactive order by nodeport`,
    );
    return nodes.rows.map((n) => ({ host: n.nodename, port: n.nodeport }));
  });
}

function nodeUrl(serverUrl: string, node: { host: string; port: number }): string {
  const url = new URL(serverUrl);
  url.hostname = node.host;
  url.port = String(node.port);
  return url.toString();
}

async function dropStaleTestDatabases(serverUrl: string): Promise<void> {
  await admin(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'rekisteri_test_%' or datname like 'test_%'`);
    for (const { datname } of rows) {
      assertTestDatabase(datname);
      await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
    }
  });
}

async function migratePlatform(url: string): Promise<void> {
  const orm = await MikroORM.init({ clientUrl: url, entities: [...tenancyEntities, ...authEntities], allowGlobalContext: false });
  try {
    await orm.em.fork().transactional((em) => migrateSchemaInTransaction(em, PLATFORM_SCHEMA, platformMigrations, { onCoordinator: true }));
  } finally {
    await orm.close(true);
  }
}

/** A test database on every node of a Citus cluster, the workers registered with the coordinator's copy. */
async function createCitusDatabase(serverUrl: string, name: string, workers: { host: string; port: number }[]): Promise<void> {
  const coordinator = new URL(serverUrl);
  // The workers' databases first: registering a worker connects to its database of the same name.
  for (const url of [...workers.map((w) => nodeUrl(serverUrl, w)), serverUrl]) {
    await admin(url, (client) => client.query(`create database ${quoteIdent(name)}`));
    const client = new Client({ connectionString: withDatabase(url, name) });
    await client.connect();
    try {
      await client.query('create extension citus');
      if (url !== serverUrl) continue;
      await client.query(`select citus_set_coordinator_host($1, $2)`, [coordinator.hostname, Number(coordinator.port || 5432)]);
      for (const w of workers) await client.query(`select citus_add_node($1, $2)`, [w.host, w.port]);
      await client.query(`alter database ${quoteIdent(name)} set citus.enable_schema_based_sharding = on`);
    } finally {
      await client.end();
    }
  }
  await migratePlatform(withDatabase(serverUrl, name));
}

async function dropCitusDatabase(serverUrl: string, name: string, workers: { host: string; port: number }[]): Promise<void> {
  for (const url of [serverUrl, ...workers.map((w) => nodeUrl(serverUrl, w))]) {
    await admin(url, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
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
  const workers = await citusWorkers(serverUrl);
  if (workers) {
    process.env.REKISTERI_TEST_CITUS = '1'; // test files that only make sense on a cluster run (test/citus.e2e-spec.ts)
    for (const url of [serverUrl, ...workers.map((w) => nodeUrl(serverUrl!, w))]) await dropStaleTestDatabases(url);
    return stop;
  }
  await dropStaleTestDatabases(serverUrl);
  await admin(serverUrl, (client) => client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`));
  await migratePlatform(withDatabase(serverUrl, TEMPLATE_DATABASE));
  return stop;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env[SERVER_ENV];
  if (!serverUrl) throw new Error('The test server is not set up: run the tests through jest (globalSetup)');
  const name = `test_${randomBytes(6).toString('hex')}`;
  assertTestDatabase(name);
  const workers = await citusWorkers(serverUrl);
  if (workers) {
    await createCitusDatabase(serverUrl, name, workers);
    return { url: withDatabase(serverUrl, name), drop: () => dropCitusDatabase(serverUrl, name, workers) };
  }
  await admin(serverUrl, (client) => client.query(`create database ${quoteIdent(name)} template ${quoteIdent(TEMPLATE_DATABASE)}`));
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined),
  };
}
