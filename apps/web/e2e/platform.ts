// What platform staff do to a business that its owner then sees: a search of the IP access log by an
// investigator (whose role a second platform admin must approve: the second admin is made with the CLI, as an
// operator would), and an incident reported to the business. Done through the API in the tests' setup.
import { type APIRequestContext, expect, request } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Account, invitationLinkFromMail, type Tenant } from './fixtures';

const repo = resolve(__dirname, '../../..');
const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

async function signedIn(path: string, email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await api.post(path, { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

const firstAdmin = () => signedIn('/api/platform/login', process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);

/** A second platform admin, created by `cli admin create` beside the running server (its embedded PostgreSQL). */
async function secondAdmin(): Promise<APIRequestContext> {
  const dataDir = process.env.E2E_DATA_DIR!;
  // postmaster.pid's fourth line is the port the server listens on.
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
  const email = `toinen-${unique()}@platform.test`;
  const password = `toisen ylläpitäjän salasana ${unique()}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: port, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(join(repo, 'node_modules/.bin/node'), [join(repo, 'dist/apps/cli/src/main.js'), 'admin', 'create', '--email', email, '--name', 'Toinen Ylläpitäjä'], { cwd: repo, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${password}\n`);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  expect(code, output).toBe(0);
  return signedIn('/api/platform/login', email, password);
}

/** The business's id, as its owner's session knows it. */
async function tenantId(tenant: Tenant, owner: Account): Promise<string> {
  const api = await signedIn(`/api/t/${tenant.slug}/login`, owner.email, owner.password);
  const me = await (await api.get(`/api/t/${tenant.slug}/me`)).json();
  await api.dispose();
  return me.tenantId as string;
}

/**
 * An investigator searches the access log for the business's traffic, giving `justification`: the first admin
 * proposes the role, the second approves it, the investigator sets a password, signs in and searches.
 */
export async function investigatorSearchesTenant(tenant: Tenant, owner: Account, justification: string): Promise<void> {
  const [admin, approver] = [await firstAdmin(), await secondAdmin()];
  const invited = await admin.post('/api/platform/staff', { data: { email: `tutkija-${unique()}@platform.test`, name: 'Tiina Tutkija', roles: ['access_log_investigator'] } });
  expect(invited.status(), await invited.text()).toBe(201);
  const member = await invited.json();
  const approved = await approver.post(`/api/platform/staff/${member.id}/role-grants/${member.pendingGrants[0].id}/approve`);
  expect(approved.status(), await approved.text()).toBe(200);
  const password = `tutkijan salasana ${unique()}`;
  const anonymous = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const accepted = await anonymous.post('/api/platform/invitations/accept', { data: { token: new URL(member.invitationUrl).hash.replace('#token=', ''), password } });
  expect(accepted.status(), await accepted.text()).toBe(204);
  const investigator = await signedIn('/api/platform/login', member.email, password);
  const searched = await investigator.post('/api/platform/access-log/searches', { data: { filters: { tenantId: await tenantId(tenant, owner) }, justification } });
  expect(searched.status(), await searched.text()).toBe(201);
  await Promise.all([admin, approver, anonymous, investigator].map((api) => api.dispose()));
}

/** Platform staff report an incident that concerns the business's register. */
export async function reportIncident(tenant: Tenant, title: string): Promise<void> {
  const admin = await firstAdmin();
  const now = new Date().toISOString();
  const res = await admin.post('/api/platform/incidents', {
    data: {
      title,
      whatHappened: { fi: 'Laskuarkiston varmuuskopio oli hetken luettavissa ilman tunnistautumista.', en: 'A backup of the invoice archive could be read without signing in for a while.' },
      occurredAt: now,
      discoveredAt: now,
      tenants: [tenant.slug],
      dataCategories: ['email', 'billing_history'],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await admin.dispose();
}

/** A fresh business whose owner has set a password (through the API: the onboarding journey does it in the page). */
export async function tenantWithOwner(onboard: () => Promise<Tenant>): Promise<{ tenant: Tenant; owner: Account }> {
  const tenant = await onboard();
  const owner = { email: tenant.ownerEmail, password: `omistajan salasana ${unique()}`, name: 'Olli Omistaja' };
  const link = new URL(await invitationLinkFromMail(owner.email));
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await api.post(`/api/t/${tenant.slug}/invitations/accept`, { data: { token: link.hash.replace('#token=', ''), password: owner.password } });
  expect(res.status(), await res.text()).toBe(204);
  await api.dispose();
  return { tenant, owner };
}
