// The platform console: a platform admin onboards a business (keyboard only) and the owner's invitation arrives;
// edits its details through a conflict; suspends it (its owner is told why at sign-in) and resumes it. Then a
// second and a third admin give the first the investigator role (one proposes, another approves), the
// investigator searches the access log with a justification, the business's owner sees that search, and an admin
// who is not an investigator reads the audit without the addresses.
import { type APIRequestContext, type Locator, type Page, request } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { expect, expectAccessible, invitationLinkFromMail, onboardTenant, snapshot, test } from './fixtures';

const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const admin = () => ({ email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });

async function platformApi(account = admin()): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await api.post('/api/platform/login', { data: account });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** Presses Tab until `target` has the focus: the keyboard-only parts never click. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function platformSignIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Sähköposti').fill(account.email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).not.toHaveURL(/\/platform\/login/);
}

/** Ticks a checkbox the way a keyboard user does (React Aria's input is visually hidden under its label). */
async function tick(page: Page, checkbox: Locator): Promise<void> {
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page).toHaveURL(/\/platform\/login\?reason=signed-out$/);
}

/** A platform admin made the operator's way (`cli admin create`): the first admin alone cannot make another. */
function cliAdmin(name: string): { email: string; password: string; name: string } {
  const account = { email: `${name.toLowerCase().split(' ')[0]}-${unique()}@platform.test`, password: `ylläpitäjän pitkä salasana ${unique()}`, name };
  const repo = resolve(__dirname, '../../..');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: process.env.E2E_DATA_DIR!, EMBEDDED_POSTGRES_PORT: process.env.E2E_PG_PORT!, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const run = spawnSync(join(repo, 'node_modules/.bin/node'), [join(repo, 'dist/apps/cli/src/main.js'), 'admin', 'create', '--email', account.email, '--name', name], {
    cwd: repo,
    env,
    input: account.password,
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  return account;
}

test('a platform admin onboards a business by keyboard, edits it through a conflict, suspends and resumes it', async ({ page, consoleGuard }) => {
  // A long journey with many axe scans, on a machine shared with other work.
  test.setTimeout(300_000);
  const existing = await onboardTenant();

  // Without a session the console asks to sign in, and comes back afterwards.
  await page.goto('/platform/tenants');
  await expect(page).toHaveURL(/\/platform\/login\?next=%2Fplatform%2Ftenants$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alustan ylläpidon kirjautuminen' })).toBeVisible();
  await expectAccessible(page, 'the platform sign-in page');
  await snapshot(page, 'platform-login');
  await platformSignIn(page, admin());
  await expect(page).toHaveURL(/\/platform\/tenants$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Yritykset' })).toBeVisible();
  await expect(page.getByRole('cell', { name: existing.legalName })).toBeVisible();
  await expectAccessible(page, 'the tenant list');
  await snapshot(page, 'platform-tenants');

  // Onboarding, with the keyboard alone.
  const kb = page.keyboard;
  const addLink = page.getByRole('link', { name: 'Uusi yritys' });
  await tabTo(page, addLink);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi yritys' })).toBeVisible();
  await expectAccessible(page, 'the onboarding form');

  const name = `Hierontapiste ${unique().slice(-6)} Oy`;
  const ownerEmail = `omistaja-${unique()}@hieronta.test`;
  const type = async (label: string, text: string) => {
    await tabTo(page, page.getByRole('textbox', { name: label }));
    await kb.type(text);
  };
  await type('Virallinen nimi', name);
  // The business ID is checked as typed: a wrong check digit is said at once, before anything is sent.
  await type('Y-tunnus', '2832233-4');
  const businessId = page.getByRole('textbox', { name: 'Y-tunnus' });
  await expect(businessId).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Y-tunnuksen tarkistusnumero ei täsmää. Tarkista numerot.')).toBeVisible();
  await expectAccessible(page, 'the onboarding form with a wrong check digit');
  await snapshot(page, 'platform-onboard-check-digit');
  await kb.press('Backspace');
  await kb.type('5');
  await expect(businessId).not.toHaveAttribute('aria-invalid', 'true');
  // The slug follows the name; this one is taken, which only the API knows.
  const slug = page.getByRole('textbox', { name: 'Tunniste' });
  await expect(slug).toHaveValue(/^hierontapiste-[a-z0-9]+-oy$/);
  const chosenSlug = await slug.inputValue();
  await tabTo(page, slug);
  await kb.press('ControlOrMeta+A');
  await kb.type(existing.slug);
  await type('Katuosoite', 'Tapiontori 3');
  await type('Postinumero', '02100');
  await type('Postitoimipaikka', 'Espoo');
  await tabTo(page, page.getByRole('group', { name: 'Yhteyshenkilö' }).getByRole('textbox', { name: 'Nimi' }));
  await kb.type('Henna Hieroja');
  await tabTo(page, page.getByRole('group', { name: 'Yhteyshenkilö' }).getByRole('textbox', { name: 'Sähköposti' }));
  await kb.type(ownerEmail);
  await kb.press('Enter');
  await expect(slug).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Tunniste on jo toisen yrityksen käytössä. Valitse toinen.')).toBeVisible();
  await expectAccessible(page, 'the onboarding form with a taken slug');
  await tabTo(page, slug);
  await kb.press('ControlOrMeta+A');
  await kb.type(chosenSlug);
  await kb.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/platform/tenants/${chosenSlug}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(`Omistajan kutsu lähti osoitteeseen ${ownerEmail}.`, { exact: false })).toBeVisible();
  await expectAccessible(page, 'the new tenant');
  await snapshot(page, 'platform-tenant');
  // The owner's invitation arrives by e-mail and opens the business's own invitation page.
  const link = await invitationLinkFromMail(ownerEmail);
  expect(link).toContain(`/t/${chosenSlug}/invitation#token=`);

  // Another admin saves in between: the page shows what they changed and keeps this admin's other edit.
  const other = await platformApi();
  const current = await (await other.get(`/api/platform/tenants/${chosenSlug}`)).json();
  await page.getByRole('button', { name: 'Muokkaa tietoja' }).click();
  await page.getByRole('textbox', { name: 'Katuosoite' }).fill('Tapiontori 5');
  expect((await other.patch(`/api/platform/tenants/${chosenSlug}`, { data: { city: 'Helsinki', version: current.version } })).status()).toBe(200);
  await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(page.getByText('Toinen ylläpitäjä muutti yrityksen tietoja samaan aikaan')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Postitoimipaikka' })).toHaveValue('Helsinki');
  await expect(page.getByRole('textbox', { name: 'Katuosoite' })).toHaveValue('Tapiontori 5');
  await expectAccessible(page, 'the tenant form after a conflict');
  await snapshot(page, 'platform-tenant-conflict');
  await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(page.getByText('Muutokset on tallennettu.')).toBeVisible();
  await expect(page.getByText('Tapiontori 5')).toBeVisible();

  // The list finds it by a part of its name; the status filter for suspended ones leaves it out.
  await page.getByRole('link', { name: 'Takaisin yrityksiin' }).click();
  await page.getByRole('searchbox', { name: 'Hae yritystä' }).fill(name.split(' ')[1]);
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('cell', { name })).toBeVisible();
  await page.locator('label').filter({ hasText: /^Keskeytetty$/ }).click();
  await expect(page.getByRole('radio', { name: 'Keskeytetty' })).toBeChecked();
  await expect(page.getByText('Haulla ei löytynyt yrityksiä.')).toBeVisible();
  await expectAccessible(page, 'the tenant list with no matches');
  await page.locator('label').filter({ hasText: /^Kaikki$/ }).click();
  await page.getByRole('link', { name }).click();

  // The owner sets a password; then the business is suspended, and the owner is told why at sign-in.
  const ownerPassword = `omistajan salasana ${unique()}`;
  const token = new URL(link).hash.replace('#token=', '');
  const anon = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await anon.post(`/api/t/${chosenSlug}/invitations/accept`, { data: { token, password: ownerPassword } })).status()).toBe(204);
  await anon.dispose();

  await page.getByRole('button', { name: 'Keskeytä käyttö' }).click();
  await expect(page.getByText(`Keskeytetäänkö yrityksen ${name} käyttö?`)).toBeVisible();
  await expectAccessible(page, 'suspending a tenant');
  await page.getByRole('button', { name: 'Keskeytä nyt' }).click();
  await expect(page.getByText('Yrityksen käyttö on keskeytetty.')).toBeVisible();
  await expect(page.getByText('Keskeytetty', { exact: true })).toBeVisible();
  await expectAccessible(page, 'a suspended tenant');

  // The refused sign-in answers 403, which Chromium logs; the page explains it.
  consoleGuard.allow(/status of 403/);
  await page.goto(`/t/${chosenSlug}/login`);
  await page.getByLabel('Sähköposti').fill(ownerEmail);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(ownerPassword);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.getByText('Yrityksen käyttö on keskeytetty')).toBeVisible();
  await expectAccessible(page, 'the sign-in page of a suspended business');
  await snapshot(page, 'tenant-login-suspended');

  await page.goto(`/platform/tenants/${chosenSlug}`);
  await page.getByRole('button', { name: 'Palauta käyttöön' }).click();
  await expect(page.getByText('Yritys on taas käytössä.')).toBeVisible();
  const owner = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await owner.post(`/api/t/${chosenSlug}/login`, { data: { email: ownerEmail, password: ownerPassword } })).status()).toBe(200);
  await owner.dispose();
  await other.dispose();
});

test('two admins give the investigator role; the search is justified, the owner sees it, admins see no addresses', async ({ page }) => {
  // Four people's work, a CLI run and many axe scans, on a machine shared with other work.
  test.setTimeout(480_000);
  const first = admin();
  const second = cliAdmin('Sanna Toinen');
  const thirdEmail = `kolmas-${unique()}@platform.test`;
  const tenant = await onboardTenant();
  const api = await platformApi();
  const tenantId: string = (await (await api.get(`/api/platform/tenants/${tenant.slug}`)).json()).id;
  await api.dispose();

  // The first admin invites a third as an admin: the role waits for another admin.
  await page.goto('/platform/login');
  await platformSignIn(page, first);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Ylläpidon henkilöstö' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ylläpidon henkilöstö' })).toBeVisible();
  await expectAccessible(page, 'the platform staff page');
  await page.getByRole('textbox', { name: 'Nimi' }).fill('Kalle Kolmas');
  await page.getByRole('textbox', { name: 'Sähköposti' }).fill(thirdEmail);
  await tick(page, page.getByRole('checkbox', { name: 'Ylläpitäjä' }));
  await page.getByRole('button', { name: 'Lähetä kutsu' }).click();
  await expect(page.getByText(`Kutsu lähti osoitteeseen ${thirdEmail}. Valitut roolit odottavat toisen ylläpitäjän hyväksyntää.`)).toBeVisible();
  const thirdCard = page.getByRole('article', { name: 'Kalle Kolmas' });
  await expect(thirdCard.getByText('Ehdotit tämän itse: toinen ylläpitäjä hyväksyy sen.')).toBeVisible();
  await expectAccessible(page, 'the platform staff page with a pending grant');
  await signOut(page);

  // The second admin approves the third, and proposes the investigator role for the first.
  await platformSignIn(page, second);
  await page.goto('/platform/staff');
  await page.getByRole('article', { name: 'Kalle Kolmas' }).getByRole('button', { name: 'Hyväksy rooli Ylläpitäjä henkilölle Kalle Kolmas' }).click();
  await expect(page.getByRole('article', { name: 'Kalle Kolmas' }).getByText('Odottaa hyväksyntää')).toHaveCount(0);
  const firstCard = page.locator('article').filter({ hasText: first.email });
  await firstCard.getByRole('button', { name: /^Muuta rooleja/ }).click();
  await tick(page, firstCard.getByRole('checkbox', { name: 'Käyttölokin tutkija' }));
  await expectAccessible(page, 'changing roles');
  await firstCard.getByRole('button', { name: 'Tallenna roolit' }).click();
  await expect(firstCard.getByText('Ehdotit tämän itse: toinen ylläpitäjä hyväksyy sen.')).toBeVisible();
  // An admin who is not an investigator sees the audit only.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttöloki' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tehdyt haut' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hae lokista' })).toHaveCount(0);
  await signOut(page);

  // The third sets a password from the e-mailed link, signs in, and approves the first's investigator role.
  const link = await invitationLinkFromMail(thirdEmail);
  expect(link).toMatch(/\/platform\/invitation#token=/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Aseta salasana' })).toBeVisible();
  await expect(page.getByText('Sinut on kutsuttu Rekisteri-alustan ylläpitoon.')).toBeVisible();
  await expectAccessible(page, 'the platform invitation page');
  await snapshot(page, 'platform-invitation');
  const thirdPassword = `kolmannen pitkä salasana ${unique()}`;
  await page.getByLabel('Uusi salasana').fill(thirdPassword);
  await page.getByLabel('Salasana uudelleen').fill(thirdPassword);
  await page.getByRole('button', { name: 'Aseta salasana' }).click();
  await expect(page.getByText('Salasana on asetettu. Kirjaudu nyt sisään.')).toBeVisible();
  await platformSignIn(page, { email: thirdEmail, password: thirdPassword });
  await page.goto('/platform/staff');
  const pendingForFirst = page.locator('article').filter({ hasText: first.email });
  await expect(pendingForFirst.getByText(/^Käyttölokin tutkija, ehdottanut Sanna Toinen/)).toBeVisible();
  await expectAccessible(page, 'the staff page of the approving admin');
  await snapshot(page, 'platform-staff');
  await pendingForFirst.getByRole('button', { name: /^Hyväksy rooli Käyttölokin tutkija/ }).click();
  await expect(pendingForFirst.getByText('Ylläpitäjä, Käyttölokin tutkija')).toBeVisible();
  await pendingForFirst.getByText(/^Roolihistoria/).click();
  await expect(pendingForFirst.getByText(/Käyttölokin tutkija hyväksytty, Kalle Kolmas/)).toBeVisible();
  await expectAccessible(page, 'the role history');
  await signOut(page);

  // The first, now an investigator, searches: the justification is required and may not name an address.
  await platformSignIn(page, first);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttöloki' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttöloki' })).toBeVisible();
  await expectAccessible(page, 'the access-log search');
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await expect(page.getByText('Anna vähintään yksi hakuehto: IP-osoite tai verkko, yrityksen tunnus tai käyttäjä.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Perustelu' })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the access-log search with errors');
  await page.getByRole('textbox', { name: 'IP-osoite tai verkko' }).fill('127.0.0.0/8');
  await page.getByRole('textbox', { name: 'Yrityksen tunnus (ID)' }).fill(tenantId);
  await page.getByRole('textbox', { name: 'Perustelu' }).fill('Väärinkäyttöilmoitus osoitteesta 127.0.0.1');
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await expect(page.getByText('Poista perustelusta IP-osoitteet: yritykset lukevat sen.')).toBeVisible();
  const justification = `Väärinkäyttöilmoitus ${unique()}: kirjautumisyritykset yrityksen tunnuksiin`;
  await page.getByRole('textbox', { name: 'Perustelu' }).fill(justification);
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tulokset' })).toBeVisible();
  const audit = page.getByRole('table', { name: 'Tehdyt haut' });
  await expect(audit.getByRole('row').filter({ hasText: justification })).toContainText('127.0.0.0/8');
  await expectAccessible(page, 'the access-log results and audit');
  await snapshot(page, 'platform-access-log');

  // The business's owner sees when and why its traffic was searched (access transparency), never the filters.
  const ownerPassword = `omistajan salasana ${unique()}`;
  const ownerLink = await invitationLinkFromMail(tenant.ownerEmail);
  const owner = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await owner.post(`/api/t/${tenant.slug}/invitations/accept`, { data: { token: new URL(ownerLink).hash.replace('#token=', ''), password: ownerPassword } })).status()).toBe(204);
  expect((await owner.post(`/api/t/${tenant.slug}/login`, { data: { email: tenant.ownerEmail, password: ownerPassword } })).status()).toBe(200);
  const seen = await (await owner.get(`/api/t/${tenant.slug}/access-transparency`)).json();
  expect(seen.items.map((e: { justification: string }) => e.justification)).toContain(justification);
  expect(JSON.stringify(seen)).not.toContain('127.0.0');
  await owner.dispose();
  await signOut(page);

  // An admin who is not an investigator reads the same audit with the address hidden.
  await platformSignIn(page, second);
  await page.goto('/platform/access-log');
  const redacted = page.getByRole('table', { name: 'Tehdyt haut' }).getByRole('row').filter({ hasText: justification });
  await expect(redacted).toContainText('[redacted]');
  await expect(redacted).not.toContainText('127.0.0.0/8');
  await expectAccessible(page, 'the redacted audit');
  await snapshot(page, 'platform-access-log-admin');

  // At 320 px the pages fit the width (tables scroll inside their own region).
  await page.setViewportSize({ width: 320, height: 900 });
  for (const path of ['/platform/tenants', '/platform/staff', '/platform/access-log']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at 320 px`).toBeLessThanOrEqual(320);
    await expectAccessible(page, `${path} at 320 px`);
  }
  await snapshot(page, 'platform-access-log-320');
});
