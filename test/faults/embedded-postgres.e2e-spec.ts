// The embedded PostgreSQL (the README's default) dies under the API: the API says why in its log and in
// /api/health, starts the server again by itself, and serves again without being restarted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, LabApi, onboardTenant, signIn } from './lab';

jest.setTimeout(180_000);

describe('faults: the embedded PostgreSQL dies', () => {
  let api: LabApi;

  beforeAll(async () => {
    api = await LabApi.start(undefined, { env: { EMBEDDED_POSTGRES_PORT: String(await freePort()) } });
  });
  afterAll(() => api?.stop());

  it('is reported, started again, and the API serves again on its own', async () => {
    const tenant = await onboardTenant(api);
    const owner = await signIn(api, tenant);
    const logFile = join(api.dataDir, 'postgres.log');
    expect(readFileSync(logFile, 'utf8')).toMatch(/database system is ready to accept connections/);

    const postmaster = Number(readFileSync(join(api.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    // While it is gone: 503 with the reason, fast.
    let sawReason = false;
    await api.waitUntil(
      async () => {
        const res = await fetch(`${api.base}/api/health`, { signal: AbortSignal.timeout(2000) });
        const body = (await res.json()) as { detail?: string };
        if (res.status === 503 && /embedded PostgreSQL stopped/.test(body.detail ?? '')) sawReason = true;
        return sawReason || res.status === 200;
      },
      10_000,
      'health to notice',
    );
    expect(sawReason).toBe(true);
    expect(api.output).toMatch(/the embedded PostgreSQL stopped/);

    await api.waitUntil(async () => (await fetch(`${api.base}/api/health`, { signal: AbortSignal.timeout(2000) })).status === 200, 30_000, 'the embedded server to be back');
    expect(api.output).toMatch(/the embedded PostgreSQL is running again/);
    expect((await owner.get(`/api/t/${tenant.slug}/me`)).status).toBe(200);
    expect((await owner.post(`/api/t/${tenant.slug}/customers`, { contactName: 'Palannut Asiakas' })).status).toBe(201);
    expect(existsSync(logFile)).toBe(true);
  });
});
