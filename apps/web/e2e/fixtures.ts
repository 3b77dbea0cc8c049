// What every journey stands on: a fresh tenant of its own (onboarded through the platform API), accounts in it,
// and a page that fails the test on any CSP violation or console error.
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, request, test as base } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface Account {
  email: string;
  password: string;
  name: string;
}

export interface Tenant {
  slug: string;
  legalName: string;
  ownerEmail: string;
}

const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

async function platformAdmin(): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await api.post('/api/platform/login', { data: { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/**
 * Runs `work` on the journey's own database with the tenant's schema name: for facts the API rightly refuses to
 * fake (an invoice due weeks ago, a customer registered last year), set straight in the rows.
 */
export async function inTenantDatabase<T>(tenant: Tenant, work: (db: Client, schema: string) => Promise<T>): Promise<T> {
  const password = readFileSync(join(process.env.E2E_DATA_DIR!, 'postgres-password'), 'utf8').trim();
  const db = new Client({ host: '127.0.0.1', port: Number(process.env.E2E_PG_PORT), user: 'postgres', password, database: 'rekisteri' });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>('select id from platform.tenant where slug = $1', [tenant.slug]);
    return await work(db, `"tenant_${rows[0].id.replace(/-/g, '')}"`);
  } finally {
    await db.end();
  }
}

/** An invoice is issued today at the earliest (the API's rule): to have an overdue one, its due date is moved back. */
export function dueDaysAgo(tenant: Tenant, invoiceId: string, days: number): Promise<void> {
  return inTenantDatabase(tenant, async (db, schema) => {
    await db.query(`update ${schema}.invoice set due_date = current_date - $2::int where id = $1`, [invoiceId, days]);
  });
}

/** A customer accepts the portal invitation e-mailed to `address`, sets `password` and signs in to the portal. */
export async function customerJoinsPortal(page: Page, tenant: Tenant, address: string, password: string): Promise<void> {
  await page.goto(await invitationLinkFromMail(address));
  await page.getByLabel('Uusi salasana').fill(password);
  await page.getByLabel('Salasana uudelleen').fill(password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal/login`));
  await page.getByLabel('Sähköposti').fill(address);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Omat tiedot' })).toBeVisible();
}

/** Onboards a tenant as platform staff would; the owner gets an invitation e-mail (an .eml under DATA_DIR/mail). */
export async function onboardTenant(): Promise<Tenant> {
  const api = await platformAdmin();
  const slug = `salon-${unique()}`;
  const legalName = `Kauneushoitola ${slug.slice(6, 12)} Oy`;
  const ownerEmail = `omistaja@${slug}.test`;
  const res = await api.post('/api/platform/tenants', {
    data: { slug, legalName, businessId: '2832233-5', streetAddress: 'Merivirta 5A', postalCode: '02320', city: 'Espoo', contactEmail: ownerEmail, contactPerson: 'Olli Omistaja', ownerName: 'Olli Omistaja' },
  });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
  return { slug, legalName, ownerEmail };
}

/** The invitation (or, with `page`, the password reset) link of the newest e-mail to `to`, as the app wrote it under DATA_DIR/mail. */
export async function invitationLinkFromMail(to: string, page: 'invitation' | 'reset-password' = 'invitation'): Promise<string> {
  return (await fromMail(to, new RegExp(`https?://\\S+/${page}#token=[A-Za-z0-9_-]+`), `an e-mail with a ${page} link`))[0];
}

/** The first match of `pattern` in the newest e-mail to `to` that has one (the app's .eml files under DATA_DIR/mail). */
export async function fromMail(to: string, pattern: RegExp, what = 'an e-mail'): Promise<RegExpExecArray> {
  const dir = join(process.env.E2E_DATA_DIR!, 'mail');
  let found: RegExpExecArray | undefined;
  await expect
    .poll(() => {
      const files = (() => {
        try {
          return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
        } catch {
          return [];
        }
      })();
      for (const file of files.reverse()) {
        const mail = Buffer.from(decodeQuotedPrintable(readFileSync(join(dir, file), 'latin1')), 'latin1').toString('utf8');
        if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(mail)) continue;
        found = pattern.exec(mail) ?? undefined;
        if (found) return found;
      }
      return undefined;
    }, { message: `${what} to ${to}` })
    .toBeDefined();
  return found!;
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Accepts an invitation through the API (journeys that are not about the invitation page). */
async function acceptInvitation(link: string, password: string): Promise<void> {
  const url = new URL(link);
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const tenant = url.pathname.split('/')[2];
  const res = await api.post(`/api/t/${tenant}/invitations/accept`, { data: { token: url.hash.replace('#token=', ''), password } });
  expect(res.status(), await res.text()).toBe(204);
  await api.dispose();
}

/** A tenant whose owner has a password, and a member of staff invited by the owner, with theirs. */
export async function tenantWithStaff(): Promise<{ tenant: Tenant; owner: Account; staff: Account }> {
  const tenant = await onboardTenant();
  const owner = { email: tenant.ownerEmail, password: `omistajan salasana ${unique()}`, name: 'Olli Omistaja' };
  await acceptInvitation(await invitationLinkFromMail(owner.email), owner.password);
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await api.post(`/api/t/${tenant.slug}/login`, { data: { email: owner.email, password: owner.password } })).status()).toBe(200);
  const staff = { email: `tiina@${tenant.slug}.test`, password: `tiinan salasana ${unique()}`, name: 'Tiina Työntekijä' };
  const invited = await api.post(`/api/t/${tenant.slug}/staff`, { data: { email: staff.email, name: staff.name, role: 'staff' } });
  expect(invited.status(), await invited.text()).toBe(201);
  await api.dispose();
  await acceptInvitation(await invitationLinkFromMail(staff.email), staff.password);
  return { tenant, owner, staff };
}

/** An API client signed in as `account` (another person working at the same time). */
export async function signedInApi(tenant: Tenant, account: Account): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await api.post(`/api/t/${tenant.slug}/login`, { data: { email: account.email, password: account.password } })).status()).toBe(200);
  return api;
}

export async function signIn(page: Page, tenant: Tenant, account: Account, path = `/t/${tenant.slug}/login`): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Sähköposti').fill(account.email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
}

/** axe with the WCAG 2.0/2.1 A and AA rules: a page passes with no violations at all. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // A table being refreshed is faded on purpose for a moment (aria-busy: the invoice totals, a list's next page);
  // axe judges the page once that settles, not its contrast mid-refresh (a CI run caught the totals so).
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 5_000 }).toBe(0).catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(summary, `accessibility violations on ${what}`).toEqual([]);
}

/** Screenshots for people to look at, when SCREENSHOT_DIR is set. */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// Chromium reports every non-2xx answer as a console error ("Failed to load resource"); those answers are part
// of the journeys (a 401 probe, a 400 with field errors, a 409) and the pages explain them. Everything else fails.
const EXPECTED_HTTP_ANSWER = /^Failed to load resource: the server responded with a status of (400|401|404|409|429)/;

export interface ConsoleGuard {
  /** A console error this test causes on purpose (a dropped connection logs one). */
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [EXPECTED_HTTP_ANSWER];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          // eslint-disable-next-line no-console -- runs in the page: the console is how the test hears of it
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && !allowed.some((pattern) => pattern.test(message.text()))) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use({ allow: (pattern) => void allowed.push(pattern) });
      expect(problems, 'console errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
