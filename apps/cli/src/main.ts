// `npm run cli -- <command>`: migrations, the first admin, onboarding. Progress goes to stdout; failures set the exit code.
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { AppConfig, loadConfig, resolveSessionSecret, systemActor } from '@app/core';
import { resolveDatabase } from '@app/database';
import { MigrationsService, nodeName, OnboardTenantDto, TenancyService, TenantPlacementService } from '@app/tenancy';
import { PasswordService, passwordWeakness, personalWords, PlatformStaffService } from '@app/auth';
import { AccessLogService } from '@app/access-log';
import { BackupService, type TableProgress } from '@app/backup';
import { RetentionService } from '@app/retention';
import { JobsService } from '@app/jobs';
import { CliModule } from './cli.module';

const say = (line: string) => process.stdout.write(line + '\n');

async function withContext<T>(fn: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  resolveSessionSecret(config);
  const db = await resolveDatabase(config, say);
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url), { logger: ['error', 'warn'] });
  try {
    await ctx.get(MigrationsService).migratePlatform();
    return await fn(ctx);
  } finally {
    await ctx.close();
    await db.stop();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const program = new Command('rekisteri').description('Operations for Rekisteri').showHelpAfterError();

program
  .command('migrate')
  .description('apply pending platform and tenant migrations (each tenant in its own transaction)')
  .action(() =>
    withContext(async (ctx) => {
      const started = Date.now();
      const report = await ctx.get(MigrationsService).migrateAll((done, total, slug, outcome) => {
        if (outcome === 'failed' || done === total || done % 50 === 0) say(`[${done}/${total}] ${slug}: ${outcome}`);
      });
      say(`Platform: ${report.platform.length ? report.platform.join(', ') : 'up to date'}`);
      const applied = report.migrated.filter((m) => m.applied.length).length;
      say(`Tenants: ${report.migrated.length} ok (${applied} changed), ${report.failed.length} failed, in ${Date.now() - started} ms`);
      for (const failure of report.failed) say(`  FAILED ${failure.slug}: ${failure.error}`);
      say(`Spare schemas: ${report.spares.migrated} ok, ${report.spares.failed.length} failed`);
      for (const failure of report.spares.failed) say(`  FAILED ${failure.schema}: ${failure.error}`);
      if (report.failed.length || report.spares.failed.length) process.exitCode = 1;
    }),
  );

const admin = program.command('admin').description('platform staff');
admin
  .command('create')
  .description('create a platform admin; the password is read from standard input')
  .requiredOption('--email <email>', 'e-mail address')
  .option('--name <name>', 'display name', 'Platform admin')
  .action((options: { email: string; name: string }) =>
    withContext(async (ctx) => {
      const password = await readStdin();
      const weakness = passwordWeakness(password, personalWords(options.email, options.name));
      if (weakness) throw new Error(`The password (standard input): ${weakness}`);
      const staff = await ctx.get(PlatformStaffService).createAdmin(options.email, options.name, await ctx.get(PasswordService).hash(password));
      say(`Created platform admin ${staff.email} (${staff.id})`);
    }),
  );

const tenant = program.command('tenant').description('tenants');
tenant
  .command('onboard')
  .description('onboard a tenant and print the owner invitation link')
  .requiredOption('--slug <slug>')
  .requiredOption('--legal-name <name>')
  .requiredOption('--business-id <id>', 'Finnish business ID, e.g. 2832233-5')
  .requiredOption('--street-address <address>')
  .requiredOption('--postal-code <code>')
  .requiredOption('--city <city>')
  .requiredOption('--contact-email <email>')
  .requiredOption('--contact-person <name>')
  .option('--owner-email <email>')
  .option('--owner-name <name>')
  .option('--language <fi|en>')
  .action((options: Record<string, string>) =>
    withContext(async (ctx) => {
      const dto = plainToInstance(OnboardTenantDto, options);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) throw new Error(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('\n'));
      // The owner's invitation mail is queued in the outbox with the tenant; the API's workers send it.
      await ctx.get(JobsService).start({ work: false });
      const result = await ctx.get(TenancyService).onboard(systemActor('cli'), dto);
      say(`Onboarded ${result.tenant.legalName} (${result.tenant.slug}).`);
      say(`Owner ${result.owner.email} sets a password with: ${result.owner.invitationUrl}`);
    }),
  );

tenant
  .command('move')
  .description('Citus: move a tenant\'s schema to another worker while it keeps serving (citus_schema_move)')
  .requiredOption('--tenant <slug>')
  .requiredOption('--to <host:port>', 'the worker, as `tenant nodes` lists it')
  .action((options: { tenant: string; to: string }) =>
    withContext(async (ctx) => {
      const moved = await ctx.get(TenantPlacementService).move(options.tenant, options.to);
      say(moved.from === moved.to ? `${moved.slug} is already on ${moved.to}.` : `Moved ${moved.slug} from ${moved.from} to ${moved.to} in ${moved.ms} ms.`);
    }),
  );
tenant
  .command('rebalance')
  .description('Citus: spread the tenants\' schemas evenly over the workers')
  .action(() =>
    withContext(async (ctx) => {
      const result = await ctx.get(TenantPlacementService).rebalance();
      for (const m of result.moved) say(`  ${m.schema}: ${m.from} -> ${m.to}`);
      say(`Rebalanced: ${result.moved.length} tenant schema(s) moved in ${result.ms} ms.`);
    }),
  );
tenant
  .command('nodes')
  .description('Citus: the workers and how many tenants each holds')
  .action(() =>
    withContext(async (ctx) => {
      const placement = ctx.get(TenantPlacementService);
      if (!(await placement.onCitus())) {
        say('Not a Citus cluster: every tenant is on this one PostgreSQL.');
        return;
      }
      const counts = new Map<string, number>();
      for (const node of (await placement.placements()).values()) counts.set(node, (counts.get(node) ?? 0) + 1);
      for (const worker of await placement.workers()) say(`${nodeName(worker)}\t${counts.get(nodeName(worker)) ?? 0} tenant(s)`);
    }),
  );

const accessLog = program.command('access-log').description('the IP access log');
accessLog
  .command('retention')
  .description("create the coming week's daily partitions and drop the days past ACCESS_LOG_RETENTION_DAYS")
  .action(() =>
    withContext(async (ctx) => {
      const log = ctx.get(AccessLogService);
      const created = await log.ensurePartitions();
      const dropped = await log.dropExpiredPartitions();
      say(`Access log: ${created} partition(s) created, ${dropped.length} dropped${dropped.length ? ` (${dropped.join(', ')})` : ''}`);
    }),
  );

const tableProgress = (p: TableProgress) => say(`[${p.done}/${p.total}] ${p.table}: ${p.rows} row(s)`);
const rowsIn = (tables: { rows: number }[]) => tables.reduce((sum, t) => sum + t.rows, 0);

program
  .command('backup')
  .description("write one tenant's schema to a new gzip'd backup file (by default under the data folder's backups/)")
  .requiredOption('--tenant <slug>')
  .option('--out <file>', 'the file to write (must not exist)')
  .action((options: { tenant: string; out?: string }) =>
    withContext(async (ctx) => {
      const started = Date.now();
      const report = await ctx.get(BackupService).backup(systemActor('cli'), options.tenant, { out: options.out, onProgress: tableProgress });
      say(`Backed up ${report.tenant}: ${rowsIn(report.tables)} row(s) in ${report.tables.length} table(s), ${report.migrations.length} migration(s), in ${Date.now() - started} ms`);
      say(`File (holds personal data; keep it safe): ${report.file}`);
    }),
  );

program
  .command('restore')
  .description("replace one tenant's schema with a backup of that tenant, in one transaction; erasures since the backup are re-applied")
  .requiredOption('--tenant <slug>')
  .requiredOption('--file <file>')
  .action((options: { tenant: string; file: string }) =>
    withContext(async (ctx) => {
      const started = Date.now();
      const report = await ctx.get(BackupService).restore(systemActor('cli'), options.tenant, options.file, { onProgress: tableProgress });
      say(`Restored ${report.tenant} from its backup of ${report.backupCreatedAt}: ${rowsIn(report.tables)} row(s) in ${report.tables.length} table(s), in ${Date.now() - started} ms`);
      say(`Migrations applied after loading: ${report.migrationsApplied.length ? report.migrationsApplied.join(', ') : 'none'}`);
      say(`Erasures since the backup, applied again: ${report.erasuresReapplied.length}`);
    }),
  );

const retention = program.command('retention').description('retention of register data (the privacy statement, section 8)');
retention
  .command('run')
  .description('purge invoices past their retention period and flag long-inactive customers for review, each tenant in its own transaction')
  .action(() =>
    withContext(async (ctx) => {
      const report = await ctx.get(RetentionService).runAll(systemActor('cli'), {
        onProgress: (done, total, outcome) =>
          say(
            'error' in outcome
              ? `[${done}/${total}] ${outcome.tenant}: FAILED ${outcome.error}`
              : `[${done}/${total}] ${outcome.tenant}: ${outcome.invoicesPurged} invoice(s) purged (${outcome.linesPurged} line(s), ${outcome.paymentsPurged} payment(s)), ${outcome.bankEntriesPurged} bank entries; ` +
                  `${outcome.customersFlagged} customer(s) flagged, ${outcome.flagsCleared} flag(s) cleared, ${outcome.underReview} under review`,
          ),
      });
      const sum = (key: 'invoicesPurged' | 'customersFlagged' | 'underReview') => report.tenants.reduce((n, t) => n + t[key], 0);
      say(`Retention: ${report.tenants.length} tenant(s) done, ${report.failed.length} failed; ${sum('invoicesPurged')} invoice(s) purged, ${sum('customersFlagged')} customer(s) newly flagged, ${sum('underReview')} under review`);
      if (report.failed.length) process.exitCode = 1;
    }),
  );

const jobs = program.command('jobs').description('the PostgreSQL job queue (the e-mail outbox and scheduled work)');
jobs
  .command('work')
  .description('run job workers in this process until SIGINT or SIGTERM (beside or instead of the API\'s own workers)')
  .action(() =>
    withContext(async (ctx) => {
      if (!ctx.get(AppConfig).jobsEnabled) throw new Error('JOBS_ENABLED is false: this process would run no workers');
      await ctx.get(JobsService).start();
      say('Job workers running; stop with Ctrl-C.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      say('Stopping: running jobs finish first.');
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
