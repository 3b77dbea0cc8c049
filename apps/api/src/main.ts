// `npm start`: embedded PostgreSQL unless DATABASE_URL is set, migrations, the first admin, then serve.
import { loadConfig, resolveSessionSecret } from '@app/core';
import { resolveDatabase } from '@app/database';
import { MigrationsService } from '@app/tenancy';
import { FirstAdminService } from '@app/auth';
import { createApp } from './app';

const say = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const config = loadConfig();
  resolveSessionSecret(config);
  const db = await resolveDatabase(config, say);
  const app = await createApp(config, db.url);
  const report = await app.get(MigrationsService).migrateAll((done, total, slug, outcome) => {
    if (outcome === 'failed' || done === total || done % 100 === 0) say(`  tenant migrations ${done}/${total} (${slug}: ${outcome})`);
  });
  if (report.platform.length) say(`Platform migrations applied: ${report.platform.join(', ')}`);
  if (report.failed.length) say(`Tenant migrations failed for: ${report.failed.map((f) => f.slug).join(', ')} (run \`npm run cli -- migrate\` for details)`);
  await app.get(FirstAdminService).ensure({ embedded: db.embedded, print: say });
  await app.listen(config.port);
  say(`Rekisteri listens on http://localhost:${config.port}/api (OpenAPI at /api/docs)`);
  const stop = async () => {
    await app.close();
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
