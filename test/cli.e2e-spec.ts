// The CLI's own wiring (apps/cli/src/cli.module.ts): the same libs as the API without HTTP, each reaching the
// database through the DatabaseModule it imports (not a global one). Onboarding from the CLI queues the owner's
// invitation mail with a producer-only job queue, as `npm run cli -- tenant onboard` does.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { systemActor } from '@app/core';
import { JobsService } from '@app/jobs';
import { OUTBOX_QUEUE } from '@app/mail';
import { MigrationsService, TenancyService } from '@app/tenancy';
import { createTestDatabase, testConfig } from '@app/testing';
import { CliModule } from '../apps/cli/src/cli.module';

describe('the CLI', () => {
  let ctx: INestApplicationContext;
  let drop: () => Promise<void>;
  let databaseUrl: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    databaseUrl = db.url;
    ctx = await NestFactory.createApplicationContext(CliModule.forRoot(testConfig(), db.url), { logger: ['error'] });
    await ctx.get(MigrationsService).migratePlatform();
  });
  afterAll(async () => {
    await ctx?.close();
    await drop?.();
  });

  it('onboards a tenant and queues the owner invitation, the queue connected as a producer only', async () => {
    await ctx.get(JobsService).start({ work: false });
    const slug = `cli-${Date.now().toString(36)}`;
    const result = await ctx.get(TenancyService).onboard(
      systemActor('cli'),
      { slug, legalName: 'Komentorivi Oy', businessId: '2832233-5', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki', contactEmail: `owner@${slug}.test`, contactPerson: 'Olli Omistaja' },
    );
    expect(result.owner.invitationUrl).toMatch(new RegExp(`/t/${slug}/invitation#token=`));
    const { Client } = await import('pg');
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      // pg-boss keeps the queued job (the message) in its own schema until a worker of the API sends it.
      const { rows } = await db.query(`select count(*)::int as n from pgboss.job where name = $1 and data::text like $2`, [OUTBOX_QUEUE, `%owner@${slug}.test%`]);
      expect(rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  });
});
