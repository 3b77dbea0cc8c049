// `npm start`: embedded PostgreSQL unless DATABASE_URL is set, migrations, the first admin, then serve
// (with API_WORKERS > 1, from that many processes sharing the port; the first one prepares, the others serve).
import cluster from 'node:cluster';
import pino from 'pino';
import { type AppConfig, loadConfig, resolveSessionSecret } from '@app/core';
import { type EmbeddedEvent, resolveDatabase, type ResolvedDatabase } from '@app/database';
import { MigrationsService, SchemaPoolService } from '@app/tenancy';
import { FirstAdminService } from '@app/auth';
import { createApp } from './app';

const say = (line: string) => process.stdout.write(line + '\n');

/** What happens to the embedded PostgreSQL, in the API's log: why it died, and whether it came back. */
function embeddedEventLogger(config: AppConfig): (event: EmbeddedEvent) => void {
  const log = pino({ level: config.logLevel, base: { context: 'EmbeddedPostgres' } });
  return (event) => {
    if (event.kind === 'died') log.error({ exitCode: event.code, signal: event.signal, reason: event.reason }, 'the embedded PostgreSQL stopped; restarting it (its log: postgres.log in the data folder)');
    else if (event.kind === 'restarted') log.warn({ attempt: event.attempt }, 'the embedded PostgreSQL is running again');
    else if (event.kind === 'restart-failed') log.warn({ attempt: event.attempt, retryInMs: event.retryInMs }, 'the embedded PostgreSQL did not start; trying again');
    else log.fatal({ attempts: event.attempts }, 'the embedded PostgreSQL could not be started again; gave up: see postgres.log in the data folder, fix the cause (disk space?), then restart the API');
  };
}

/** Migrations and the first admin, once, before anything serves. */
async function prepare(config: AppConfig, db: ResolvedDatabase) {
  const app = await createApp(config, db.url);
  const report = await app.get(MigrationsService).migrateAll((done, total, slug, outcome) => {
    if (outcome === 'failed' || done === total || done % 100 === 0) say(`  tenant migrations ${done}/${total} (${slug}: ${outcome})`);
  });
  if (report.platform.length) say(`Platform migrations applied: ${report.platform.join(', ')}`);
  if (report.failed.length) say(`Tenant migrations failed for: ${report.failed.map((f) => f.slug).join(', ')} (run \`npm run cli -- migrate\` for details)`);
  await app.get(FirstAdminService).ensure({ embedded: db.embedded, print: say });
  // Spares made now carry the migrations just applied; a worker of any instance makes them.
  await app.get(SchemaPoolService).refillSoon();
  return app;
}

async function serve(config: AppConfig, databaseUrl: string, onStop: () => Promise<void>): Promise<void> {
  const app = await createApp(config, databaseUrl);
  await app.listen(config.port);
  const stop = async () => {
    await app.close();
    await onStop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const config = loadConfig();
  resolveSessionSecret(config);
  if (cluster.isWorker) return serve(config, process.env.REKISTERI_WORKER_DATABASE_URL!, async () => undefined);

  const db = await resolveDatabase(config, say, embeddedEventLogger(config));
  if (config.apiWorkers === 1) {
    const app = await prepare(config, db);
    await app.listen(config.port);
    say(`Rekisteri listens on http://localhost:${config.port}/ (the console; the API at /api, OpenAPI at /api/docs)`);
    const stop = async () => {
      await app.close();
      await db.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  await (await prepare(config, db)).close();
  let stopping = false;
  const fork = () => cluster.fork({ REKISTERI_WORKER_DATABASE_URL: db.url });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    say(`API worker ${worker.process.pid} exited (${code}); starting another`);
    fork();
  });
  for (let i = 0; i < config.apiWorkers; i++) fork();
  say(`Rekisteri listens on http://localhost:${config.port}/ with ${config.apiWorkers} workers (the console; the API at /api, OpenAPI at /api/docs)`);
  const stop = async () => {
    stopping = true;
    await Promise.all(Object.values(cluster.workers ?? {}).map((w) => new Promise((resolve) => (w ? (w.once('exit', resolve), w.kill('SIGTERM')) : resolve(null)))));
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Rekisteri could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
