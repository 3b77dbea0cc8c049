// Restriction of processing (GDPR Art. 18) in the console: once a restriction request is completed, the
// customer's page says so with the date and the reason, and offers no edit, new invoice or consent; the list
// shows a badge. Staff cannot lift it; the owner lifts it in a dialog with a reason (the person told by e-mail
// first), after which editing is back. The person sees the restriction in the portal. Each from a fresh tenant.
import { type APIRequestContext, request } from '@playwright/test';
import { expect, expectAccessible, fromMail, invitationLinkFromMail, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

const reason = 'Kiistän osoitteeni oikeellisuuden: älkää käyttäkö tietojani ennen kuin ne on tarkistettu.';

async function restrictedCustomer(api: APIRequestContext, tenant: Tenant, email: string): Promise<string> {
  const t = `/api/t/${tenant.slug}`;
  const created = await api.post(`${t}/customers`, { data: { billingFirstName: 'Riikka', billingLastName: 'Rajala', email, streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo' } });
  expect(created.status(), await created.text()).toBe(201);
  const customerId = ((await created.json()) as { id: string }).id;
  const recorded = await api.post(`${t}/requests`, { data: { customerId, type: 'restriction', channel: 'letter', details: reason } });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const requestId = ((await recorded.json()) as { id: string }).id;
  expect((await api.post(`${t}/requests/${requestId}/verify`, { data: { method: 'signed_letter_matching_register' } })).status()).toBe(200);
  const completed = await api.post(`${t}/requests/${requestId}/complete`);
  expect(completed.status(), await completed.text()).toBe(200);
  return customerId;
}

test('a restricted customer: the banner, nothing to edit or invoice, the badge, and the owner lifts it with a reason', async ({ page, browser }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const email = `riikka@${tenant.slug}.test`;
  const api = await signedInApi(tenant, owner);
  const customerId = await restrictedCustomer(api, tenant, email);
  await api.dispose();
  const customerPath = `/t/${tenant.slug}/customers/${customerId}`;

  // Staff: the banner with the reason; no edit, no new invoice, no consent; no lift.
  const staffContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(customerPath)}`);
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Riikka Rajala' })).toBeVisible();
  await expect(staffPage.getByText('Käsittelyä rajoitettu', { exact: true })).toBeVisible();
  await expect(staffPage.getByText(`Syy: ${reason}`)).toBeVisible();
  await expect(staffPage.getByText(/^Rajoitettu \d{1,2}\.\d{1,2}\.\d{4} alkaen\.$/)).toBeVisible();
  await expect(staffPage.getByRole('button', { name: 'Muokkaa' })).toHaveCount(0);
  await expect(staffPage.getByRole('link', { name: 'Uusi lasku' })).toHaveCount(0);
  await expect(staffPage.getByRole('button', { name: /^Kirjaa lupa/ })).toHaveCount(0);
  await expect(staffPage.getByText('Käsittelyä on rajoitettu: suostumusta ei voi kirjata rajoituksen aikana.').first()).toBeVisible();
  await expect(staffPage.getByRole('button', { name: 'Poista rajoitus' })).toHaveCount(0);
  await expectAccessible(staffPage, 'the page of a restricted customer');
  await snapshot(staffPage, 'restriction-customer');

  // The list: a badge beside the name.
  await staffPage.goto(`/t/${tenant.slug}/customers`);
  const row = staffPage.getByRole('row').filter({ hasText: 'Riikka Rajala' });
  await expect(row.getByText('Rajoitettu', { exact: true })).toBeVisible();
  await staffContext.close();

  // The owner lifts it: the dialog asks for a reason and says the person is told first.
  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(customerPath)}`);
  await page.getByRole('button', { name: 'Poista rajoitus' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Poistetaanko käsittelyn rajoitus?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`sähköpostilla osoitteeseen ${email}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Poista rajoitus ja ilmoita henkilölle' }).click();
  await expect(dialog.getByText('Kirjoita syy (vähintään 3 merkkiä).')).toBeVisible();
  await expectAccessible(page, 'the lift dialog with an error');
  await snapshot(page, 'restriction-lift-dialog');
  const liftReason = 'Osoite on tarkistettu väestötiedoista ja todettu oikeaksi.';
  await dialog.getByRole('textbox', { name: /Syy rajoituksen poistamiseen/ }).fill(liftReason);
  await dialog.getByRole('button', { name: 'Poista rajoitus ja ilmoita henkilölle' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Käsittelyn rajoitus on poistettu, ja henkilölle on ilmoitettu.')).toBeVisible();
  await expect(page.getByText('Käsittelyä rajoitettu', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Muokkaa' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Uusi lasku' })).toBeVisible();
  await expectAccessible(page, 'the customer page after the lift');
  await snapshot(page, 'restriction-lifted');

  const mail = await fromMail(email, /rajoitus poistetaan[^]*Syy: ([^\n]*)/, 'the notice that the restriction is lifted');
  expect(mail[1].trim()).toBe(liftReason);
});

test('the person sees in the portal that processing is restricted: nothing to correct, no new consent', async ({ page }) => {
  test.slow();
  const { tenant, owner } = await tenantWithStaff();
  const email = `riikka.${Date.now().toString(36)}@asiakas.test`;
  const api = await signedInApi(tenant, owner);
  const customerId = await restrictedCustomer(api, tenant, email);
  expect((await api.post(`/api/t/${tenant.slug}/customers/${customerId}/portal-invitation`)).status()).toBe(201);
  await api.dispose();
  const link = new URL(await invitationLinkFromMail(email));
  const password = 'riikan oma salalause 2026';
  const accept = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const accepted = await accept.post(`/api/t/${tenant.slug}/portal/invitations/accept`, { data: { token: link.hash.replace('#token=', ''), password } });
  expect(accepted.status(), await accepted.text()).toBe(204);
  await accept.dispose();

  await page.goto(`/t/${tenant.slug}/portal/login`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Omat tiedot' })).toBeVisible();
  await expect(page.getByText('Tietojesi käsittelyä on rajoitettu')).toBeVisible();
  await expect(page.getByText(`Syy: ${reason}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Korjaa tietoja' })).toHaveCount(0);
  await expectAccessible(page, 'the portal of a restricted customer');
  await snapshot(page, 'restriction-portal');

  await page.getByRole('link', { name: 'Markkinointi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Markkinointi' })).toBeVisible();
  await expect(page.getByText('Rajoituksen aikana sinulle ei lähetetä markkinointia')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Sähköpostimarkkinointi sallittu' })).toBeDisabled();
  await expectAccessible(page, 'the portal marketing page while restricted');
});
