// Which PostgreSQL to use: DATABASE_URL, or the embedded one under the data folder (started if not yet running,
// reused when the API already runs it, so the CLI works beside a running server).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedEvent, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(
  options: { databaseUrl?: string; dataDir: string; embeddedPostgresPort: number },
  say: (line: string) => void = () => undefined,
  onEmbeddedEvent?: (event: EmbeddedEvent) => void,
): Promise<ResolvedDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  const root = resolve(options.dataDir);
  const passwordFile = join(root, 'postgres-password');
  if (existsSync(join(root, 'postgres', 'postmaster.pid')) && existsSync(passwordFile)) {
    const url = `postgres://postgres:${encodeURIComponent(readFileSync(passwordFile, 'utf8').trim())}@127.0.0.1:${options.embeddedPostgresPort}/rekisteri`;
    if (await answers(url)) return { url, embedded: true, stop: async () => undefined };
  }
  say(`Starting the embedded PostgreSQL (data in ${join(options.dataDir, 'postgres')}, port ${options.embeddedPostgresPort})...`);
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPostgresPort, database: 'rekisteri', onEvent: onEmbeddedEvent });
  return { url: db.url, embedded: true, stop: db.stop };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
