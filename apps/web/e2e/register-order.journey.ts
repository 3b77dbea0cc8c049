// The customers table sorted by its column headers (the server sorts; the order lives in the URL with the search
// and the page), and a customer's history in words for the owner.
import { expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test('the customers table sorts by name and by date from its headers, and the order stays in the URL', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  for (const contactName of ['Bertta Järjestys', 'Aatu Järjestys', 'Cecilia Järjestys']) {
    expect((await api.post(`/api/t/${tenant.slug}/customers`, { data: { contactName } })).status()).toBe(201);
  }
  await api.dispose();
  await signIn(page, tenant, staff);
  const table = page.getByRole('table', { name: /Asiakkaat/ });
  const names = () => table.getByRole('row').locator('td:first-child a');
  await expect(names()).toHaveText(['Cecilia Järjestys', 'Aatu Järjestys', 'Bertta Järjestys']);
  const nameHeader = table.getByRole('columnheader', { name: /Nimi/ });
  const createdHeader = table.getByRole('columnheader', { name: /Lisätty/ });
  await expect(createdHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');

  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(createdHeader).toHaveAttribute('aria-sort', 'none');
  await expect(names()).toHaveText(['Aatu Järjestys', 'Bertta Järjestys', 'Cecilia Järjestys']);
  await expect(page.getByRole('table', { name: 'Asiakkaat, järjestys: nimen mukaan A–Ö' })).toBeVisible();
  await expectAccessible(page, 'the customers sorted by name');
  await snapshot(page, 'customers-sorted');

  // Pressed again, the other way; with a search, both stay in the URL, and a reload keeps them.
  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Hae asiakkaita').fill('bertta');
  await expect(page).toHaveURL(/q=bertta&sort=-name|sort=-name.*q=bertta/);
  await page.reload();
  await expect(names()).toHaveText(['Bertta Järjestys']);
  await expect(page.getByRole('columnheader', { name: /Nimi/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByLabel('Hae asiakkaita')).toHaveValue('bertta');
});

test("the owner reads a customer's history in words, with the staff's names and the fields that changed", async ({ page }) => {
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const created = (await (await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Heikki', billingLastName: 'Historia', email: 'heikki@example.fi' } })).json()) as { id: string; version: number };
  expect((await api.patch(`/api/t/${tenant.slug}/customers/${created.id}`, { data: { city: 'Espoo', phone: '040 765 4321', version: created.version } })).status()).toBe(200);
  await api.dispose();

  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${created.id}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Heikki Historia' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Tapahtumahistoria' });
  const entries = history.getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Tiina Työntekijä muutti asiakkaan tietoja');
  await expect(entries.nth(0)).toContainText('Muuttuneet tiedot: Postitoimipaikka, Puhelin');
  await expect(entries.nth(1)).toContainText('Tiina Työntekijä lisäsi asiakkaan rekisteriin');
  await expect(entries.nth(1)).toContainText('Annetut tiedot:');
  await expectAccessible(page, "a customer's history");
  await snapshot(page, 'customer-history');

  // The owner's own edit joins the history at once.
  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByLabel('Postinumero').fill('02320');
  await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Olli Omistaja muutti asiakkaan tietoja');
  await expect(entries.nth(0)).toContainText('Muuttuneet tiedot: Postinumero');

  // Staff do not see the history (the API keeps it for owners).
  await page.context().clearCookies();
  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${created.id}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Heikki Historia' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tapahtumahistoria' })).toHaveCount(0);
});
