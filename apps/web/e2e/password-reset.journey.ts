// Forgot password, in the business console and in the customer portal: from the sign-in page's link to the
// request page, the link read from the .eml the app wrote, a new password set on the reset page (by keyboard),
// and a sign-in with it. The old session ends, a used link is refused in words, and axe finds nothing anywhere.
import { type APIRequestContext, type Locator, type Page, request } from '@playwright/test';
import { expect, expectAccessible, invitationLinkFromMail, signedInApi, snapshot, tenantWithStaff, test } from './fixtures';

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function askForLink(page: Page, loginPath: string, email: string): Promise<void> {
  await page.goto(loginPath);
  await page.getByRole('link', { name: 'Unohditko salasanan?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unohtunut salasana' })).toBeVisible();
  await expectAccessible(page, 'the forgot-password page');
  // By keyboard: to the address field, type, Enter sends the form.
  await tabTo(page, page.getByLabel('Sähköposti'));
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Tarkista sähköpostisi' })).toBeVisible();
  await expectAccessible(page, 'the forgot-password page after sending');
  await snapshot(page, 'forgot-password-sent');
}

/** On the reset page: the new password, Tab, the same again, Enter. */
async function setNewPassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Valitse uusi salasana' })).toBeVisible();
  await expectAccessible(page, 'the reset-password page');
  await snapshot(page, 'reset-password');
  await tabTo(page, page.getByRole('textbox', { name: 'Uusi salasana' }));
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Salasana uudelleen' })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Salasanasi on vaihdettu' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page after a reset');
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
}

test('a member of staff who forgot their password gets a link by e-mail, sets a new one and signs in; the old session ends', async ({ page }) => {
  test.setTimeout(180_000);
  const { tenant, staff } = await tenantWithStaff();
  const oldSession = await signedInApi(tenant, staff);

  await askForLink(page, `/t/${tenant.slug}/login`, staff.email);
  const link = await invitationLinkFromMail(staff.email, 'reset-password');
  expect(new URL(link).pathname).toBe(`/t/${tenant.slug}/reset-password`);
  const password = `uusi pitkä salasana ${Date.now().toString(36)}`;
  await setNewPassword(page, link, password);

  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?reason=password-reset$`));
  await signInWith(page, staff.email, password);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/customers`));
  expect((await oldSession.get(`/api/t/${tenant.slug}/me`)).status()).toBe(401);
  await oldSession.dispose();
});

async function portalCustomer(staffApi: APIRequestContext, slug: string): Promise<{ email: string; password: string }> {
  const email = `unohtaja.${Date.now().toString(36)}@asiakas.test`;
  const created = await staffApi.post(`/api/t/${slug}/customers`, { data: { billingFirstName: 'Ulla', billingLastName: 'Unohtaja', email, streetAddress: 'Merivirta 7', postalCode: '02320', city: 'Espoo' } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await staffApi.post(`/api/t/${slug}/customers/${id}/portal-invitation`)).status()).toBe(201);
  const invitation = new URL(await invitationLinkFromMail(email));
  const password = `ullan vanha salasana ${Date.now().toString(36)}`;
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const accepted = await api.post(`/api/t/${slug}/portal/invitations/accept`, { data: { token: invitation.hash.replace('#token=', ''), password } });
  expect(accepted.status(), await accepted.text()).toBe(204);
  await api.dispose();
  return { email, password };
}

test('a portal customer who forgot their password resets it from the e-mailed link and signs in; the link works once', async ({ page }) => {
  test.setTimeout(180_000);
  const { tenant, owner } = await tenantWithStaff();
  const staffApi = await signedInApi(tenant, owner);
  const customer = await portalCustomer(staffApi, tenant.slug);
  await staffApi.dispose();

  await askForLink(page, `/t/${tenant.slug}/portal/login`, customer.email);
  const link = await invitationLinkFromMail(customer.email, 'reset-password');
  expect(new URL(link).pathname).toBe(`/t/${tenant.slug}/portal/reset-password`);
  const password = `ullan uusi salasana ${Date.now().toString(36)}`;
  await setNewPassword(page, link, password);

  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal/login\\?reason=password-reset$`));
  await signInWith(page, customer.email, password);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal$`));

  // The same link a second time: refused in words, with the way to ask for a new one.
  await setNewPassword(page, link, `${password} taas`);
  await expect(page.getByRole('heading', { level: 1, name: 'Salasanan vaihtolinkki ei kelpaa' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Pyydä uusi linkki' })).toHaveAttribute('href', `/t/${tenant.slug}/portal/forgot-password`);
  await expectAccessible(page, 'the reset-password page with a used link');
});
