// An objection to processing based on legitimate interest (GDPR Art. 21(1)): the customer makes it in the
// portal with their grounds, the owner weighs it in the console (the decision and what stops, or the grounds),
// and the customer sees the decision in the portal. Axe on every state.
import { customerJoinsPortal, expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test('a customer objects in the portal, the owner upholds it saying what stops, and the customer sees the decision', async ({ page }) => {
  test.slow();
  const { tenant, owner } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const address = `aino.${Date.now().toString(36)}@asiakas.test`;
  const created = await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Aino', billingLastName: 'Asiakas', email: address } });
  expect(created.status(), await created.text()).toBe(201);
  const customerId = ((await created.json()) as { id: string }).id;
  expect((await api.post(`/api/t/${tenant.slug}/customers/${customerId}/portal-invitation`)).status()).toBe(201);
  await api.dispose();

  const password = 'ainon oma salalause 2026';
  await customerJoinsPortal(page, tenant, address, password);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt' }).click();

  await page.getByText('Oikeutettuun etuun perustuvan käsittelyn vastustaminen', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Oikeutettuun etuun perustuvan käsittelyn vastustaminen' })).toBeChecked();
  await expect(page.getByText('Pakollinen: mitä käsittelyä vastustat ja millä perusteella.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Lisätiedot' }).fill('En halua, että tietojani käytetään asiakaskyselyihin.');
  await page.getByRole('button', { name: 'Lähetä pyyntö' }).click();
  await expect(page.getByText('Pyyntö on vastaanotettu')).toBeVisible();
  await expectAccessible(page, 'the portal with an objection sent');

  // The owner weighs it in the console.
  // Another browser context: the owner's console session apart from the customer's portal session.
  const ownerContext = await page.context().browser()!.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const console = await ownerContext.newPage();
  await signIn(console, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/requests`)}`);
  await console.getByRole('link', { name: 'Oikeutettuun etuun perustuvan käsittelyn vastustaminen' }).click();
  await expect(console.getByRole('heading', { level: 1, name: 'Pyyntö: Oikeutettuun etuun perustuvan käsittelyn vastustaminen' })).toBeVisible();
  await expect(console.getByRole('button', { name: 'Merkitse toteutetuksi' })).toHaveCount(0);
  await console.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(console.getByText('Valitse päätös.')).toBeVisible();
  await expectAccessible(console, 'the objection decision with errors');
  await console.getByRole('combobox', { name: 'Päätös', exact: true }).selectOption('upheld');
  const effect = 'Sinulle ei enää lähetetä asiakaskyselyjä.';
  await console.getByRole('textbox', { name: 'Mikä henkilön osalta loppuu' }).fill(effect);
  await snapshot(console, 'objection-decision');
  await console.getByRole('button', { name: 'Kirjaa päätös' }).click();
  await expect(console.getByText('Päätös on tehty ja lähetetty asiakkaalle.')).toBeVisible();
  await expect(console.getByText('Hyväksytty: käsittely lopetetaan henkilön osalta')).toBeVisible();
  await expect(console.getByText(effect)).toBeVisible();
  await expectAccessible(console, 'the objection upheld');
  await ownerContext.close();

  await page.reload();
  await expect(page.getByText(`Hyväksytty. Mikä loppui: ${effect}`)).toBeVisible();
});
