// PostgreSQL restarted (fast shutdown) twice under load, and stopped for a while: the API never hangs, answers
// 503 with Retry-After (never 500) while the database is away, keeps every session, recovers by itself, and
// every customer it said it created is in the database, once.
import { randomBytes } from 'node:crypto';
import { type Answer, LabApi, type LabClient, LabPostgres, type LabTenant, Load, onboardTenant, signIn, signInMany, sleep } from './lab';

jest.setTimeout(180_000);

describe('faults: the database goes away', () => {
  let pg: LabPostgres;
  let api: LabApi;
  let tenant: LabTenant;

  beforeAll(async () => {
    pg = await LabPostgres.start();
    // A small pool makes a leaked connection slot show at once: after a few, nothing is left to serve.
    api = await LabApi.start(pg.url, { env: { DATABASE_POOL_SIZE: '4' } });
    tenant = await onboardTenant(api);
  });
  afterAll(async () => {
    await api?.stop();
    await pg?.destroy();
  });

  const created: { email: string; id: string }[] = [];

  function loadOf(clients: LabClient[]): Load {
    return new Load(
      clients.map((client, i) =>
        i % 2 === 0
          ? { kind: 'list', client, next: () => client.get(`/api/t/${tenant.slug}/customers?limit=50`) }
          : {
              kind: 'create',
              client,
              next: async (): Promise<Answer> => {
                const email = `c-${randomBytes(6).toString('hex')}@fault.test`;
                const answer = await client.post(`/api/t/${tenant.slug}/customers`, { contactName: 'Kuormitus Asiakas', email });
                if (answer.status === 201) created.push({ email, id: (answer.body as { id: string }).id });
                return answer;
              },
            },
      ),
    );
  }

  async function healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${api.base}/api/health`, { signal: AbortSignal.timeout(2000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  it('survives restarts under load: no hang, 503 not 500, sessions kept, every 201 stored once', async () => {
    // 20 clients, each with a session of its own.
    const clients = await signInMany(api, tenant, 20);
    const load = loadOf(clients);
    await sleep(1500);
    for (let i = 0; i < 3; i++) {
      await pg.restart(300);
      await sleep(2500);
    }
    await load.stop();

    // Recovered without restarting the API.
    await api.waitUntil(healthy, 20_000, 'health to answer 200');
    const statuses = load.statuses();
    expect(load.failures).toEqual([]); // no request hung (each is bounded) or lost its connection
    expect(Object.keys(statuses).map(Number).sort()).toEqual(expect.arrayContaining([200, 201]));
    for (const status of Object.keys(statuses).map(Number)) expect([200, 201, 503]).toContain(status);
    for (const answer of load.answers.filter((a) => a.status === 503)) {
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // Every session still works, and every path of the ORM too.
    for (const client of clients) expect((await client.get(`/api/t/${tenant.slug}/me`)).status).toBe(200);
    for (let i = 0; i < 15; i++) {
      const answer = await clients[i].post(`/api/t/${tenant.slug}/customers`, { contactName: 'Jälkeen Asiakas', email: `after-${i}-${randomBytes(4).toString('hex')}@fault.test` });
      expect(answer.status).toBe(201);
      expect(answer.ms).toBeLessThan(5000);
    }

    // Every customer the API said it created is there, once.
    const schema = (await pg.sql<{ schema_name: string }>('select schema_name from platform.tenant where slug = $1', [tenant.slug]))[0].schema_name;
    const rows = await pg.sql<{ id: string; email: string }>(`select id, email from "${schema}".customer where email like 'c-%@fault.test'`);
    const stored = new Map(rows.map((r) => [r.email, r.id]));
    for (const c of created) expect(stored.get(c.email)).toBe(c.id);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
    expect(api.output).not.toMatch(/"statusCode":500/);
    console.log(`restarts under load: ${load.answers.length} answers ${JSON.stringify(statuses)}, ${created.length} created and all stored, ${clients.length} sessions kept`);
  });

  it('answers fast with 503 while the database is down, and comes back by itself', async () => {
    const client = await signIn(api, tenant);
    await pg.down();
    try {
      const started = Date.now();
      const health = await fetch(`${api.base}/api/health`, { signal: AbortSignal.timeout(5000) });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBeTruthy();
      for (const path of [`/api/t/${tenant.slug}/customers`, `/api/t/${tenant.slug}/me`]) {
        const answer = await client.get(path);
        expect(answer.status).toBe(503);
        expect(answer.ms).toBeLessThan(4000);
        expect(answer.body).toMatchObject({ status: 503, type: expect.stringMatching(/database-/) });
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const create = await client.post(`/api/t/${tenant.slug}/customers`, { contactName: 'Ei Tallennu' });
      expect(create.status).toBe(503);
    } finally {
      await pg.up();
    }
    await api.waitUntil(healthy, 20_000, 'health to answer 200');
    expect((await client.get(`/api/t/${tenant.slug}/me`)).status).toBe(200);
    expect((await client.post(`/api/t/${tenant.slug}/customers`, { contactName: 'Taas Tallentuu' })).status).toBe(201);
  });
});
