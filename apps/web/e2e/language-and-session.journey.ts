// The page's language follows the user's choice (lang attribute included); a lapsed session leads to sign-in
// and back to the same page; lost connections and missing records are explained, with a retry.
import { expect, expectAccessible, signedInApi, signIn, tenantWithStaff, test } from './fixtures';

test('the language switch changes the texts and the lang attribute, and is remembered', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  await page.goto(`/t/${tenant.slug}/login`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page in English');
  await page.getByLabel('E-mail').fill(staff.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  await expectAccessible(page, 'the customers page in English');
  await page.getByRole('radio', { name: 'Suomi' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
});

test('a lapsed session leads to sign-in and back to the page the user was on', async ({ page, context }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customer = (await (await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Sanna', email: 'sanna@example.fi' } })).json()) as { id: string };
  await api.dispose();

  // Not signed in at all: the console's address leads to sign-in, then there.
  await page.goto(`/t/${tenant.slug}/customers?q=sanna`);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?next=`));
  await page.getByLabel('Sähköposti').fill(staff.email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/customers\\?q=sanna$`));

  await expect(page.getByRole('link', { name: 'Sanna' })).toBeVisible();

  // The session ends while the user works (here: its cookie is gone); the next call answers 401.
  await context.clearCookies();
  await page.getByRole('link', { name: 'Sanna' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?next=.*reason=expired`));
  await expect(page.getByText('Istuntosi päättyi.', { exact: false })).toBeVisible();
  await page.getByLabel('Sähköposti').fill(staff.email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/customers/${customer.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sanna' })).toBeVisible();
});

test('a lost connection and a missing customer are explained, and retry works', async ({ page, consoleGuard }) => {
  consoleGuard.allow(/net::ERR_INTERNET_DISCONNECTED/);
  const { tenant, staff } = await tenantWithStaff();
  await signIn(page, tenant, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();

  // The connection drops: the list says so and offers a retry, which works once the connection is back.
  await page.route('**/api/t/*/customers?*', (route) => route.abort('internetdisconnected'));
  await page.getByLabel('Hae asiakkaita').fill('katkos');
  await expect(page.getByText('Yhteys katkesi')).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'the lost connection notice');
  await page.unroute('**/api/t/*/customers?*');
  await page.getByRole('button', { name: 'Yritä uudelleen' }).click();
  await expect(page.getByText('Haulla ”katkos” ei löytynyt asiakkaita.')).toBeVisible();

  await page.goto(`/t/${tenant.slug}/customers/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakasta ei löytynyt' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Takaisin asiakkaisiin' })).toBeVisible();
  await expectAccessible(page, 'a missing customer');

  await page.goto(`/t/${tenant.slug}/no-such-page`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeVisible();
});
