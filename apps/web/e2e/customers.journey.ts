// Staff register a private person and a company (the API's field errors shown beside their fields), find them
// with the search (which lives in the URL), and open a customer's page.
import { expect, expectAccessible, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test('staff register a private and a company customer, search and open one', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  await signIn(page, tenant, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  // Staff do not see the owner's areas.
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link')).toHaveText(['Asiakkaat', 'Laskut', 'Pyynnöt']);

  // A private person.
  await page.getByRole('link', { name: 'Uusi asiakas' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi asiakas' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Yksityishenkilö' })).toBeChecked();
  await expectAccessible(page, 'the new customer form');
  await page.getByLabel('Etunimi').fill('Maija');
  await page.getByLabel('Sukunimi').fill('Meikäläinen');
  await page.getByLabel('Sähköposti').fill('maija.meikalainen@example.fi');
  await page.getByLabel('Puhelin').fill('123');
  await page.getByLabel('Postitoimipaikka').fill('Espoo');
  await page.getByRole('button', { name: 'Lisää asiakas' }).click();
  // The server refused the phone number: said beside the field, in Finnish.
  const phone = page.getByLabel('Puhelin');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Puhelinnumero ei kelpaa.', { exact: false })).toBeVisible();
  await expect(page.getByText('Tarkista merkityt kentät.')).toBeVisible();
  await expectAccessible(page, 'the new customer form with field errors');
  await snapshot(page, 'customer-new-errors');
  await phone.fill('040 123 4567');
  await page.getByRole('button', { name: 'Lisää asiakas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();
  await expect(page.getByText('Asiakas on lisätty rekisteriin.')).toBeVisible();
  await expect(page.getByText('+358401234567')).toBeVisible();
  await expectAccessible(page, 'the customer page');
  await snapshot(page, 'customer');

  // A company, with a business ID whose check digit is wrong.
  await page.goto(`/t/${tenant.slug}/customers/new`);
  await page.getByText('Yritys', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Yritys' })).toBeChecked();
  await page.getByLabel('Yrityksen nimi').fill('Espoon Hyvinvointi Oy');
  await page.getByLabel('Y-tunnus').fill('2832233-4');
  await page.getByLabel('Yhteyshenkilö').fill('Kalle Kontakti');
  await page.getByLabel('Sähköposti').fill('maija.meikalainen@example.fi');
  await page.getByRole('button', { name: 'Lisää asiakas' }).click();
  await expect(page.getByLabel('Y-tunnus')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Y-tunnus ei kelpaa', { exact: false })).toBeVisible();
  await page.getByLabel('Y-tunnus').fill('2832233-5');
  await page.getByRole('button', { name: 'Lisää asiakas' }).click();
  // The e-mail address belongs to Maija already (409): said beside the e-mail field.
  await expect(page.getByText('Toisella asiakkaalla on jo tämä sähköpostiosoite.')).toBeVisible();
  await expect(page.getByLabel('Sähköposti')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Sähköposti').fill('info@espoonhyvinvointi.fi');
  await page.getByRole('button', { name: 'Lisää asiakas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Espoon Hyvinvointi Oy' })).toBeVisible();

  // Both are in the list; the search narrows it and is kept in the URL.
  await page.getByRole('link', { name: 'Takaisin asiakkaisiin' }).click();
  const table = page.getByRole('table', { name: 'Asiakkaat' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expectAccessible(page, 'the customers list');
  await snapshot(page, 'customers');
  await page.getByLabel('Hae asiakkaita').fill('hyvinvointi');
  await expect(page).toHaveURL(/\?q=hyvinvointi$/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: 'Espoon Hyvinvointi Oy' })).toBeVisible();
  await page.getByLabel('Hae asiakkaita').fill('040 123');
  await expect(page).toHaveURL(/\?q=040\+123$/);
  await expect(table.getByRole('link', { name: 'Maija Meikäläinen' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);

  // The URL carries the search: reloading (or sharing) it shows the same list.
  await page.reload();
  await expect(page.getByLabel('Hae asiakkaita')).toHaveValue('040 123');
  await page.getByLabel('Hae asiakkaita').fill('ei ketään tällaista');
  await expect(page.getByText('Haulla ”ei ketään tällaista” ei löytynyt asiakkaita.')).toBeVisible();
  await expectAccessible(page, 'the customers list without matches');

  await page.goto(`/t/${tenant.slug}/customers?q=maija`);
  await table.getByRole('link', { name: 'Maija Meikäläinen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();
  await expect(page.getByText('maija.meikalainen@example.fi')).toBeVisible();
});

test('the customers list pages through the register 50 at a time, the page in the URL', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const { signedInApi } = await import('./fixtures');
  const api = await signedInApi(tenant, staff);
  for (let i = 1; i <= 53; i++) {
    const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Asiakas', billingLastName: String(i).padStart(2, '0'), email: `asiakas${i}@example.fi` } });
    expect(res.status()).toBe(201);
  }
  await api.dispose();
  await signIn(page, tenant, staff);
  const table = page.getByRole('table', { name: 'Asiakkaat' });
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(table.getByRole('row').nth(1)).toContainText('Asiakas 53');
  await page.getByRole('link', { name: 'Seuraava sivu' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(3)).toContainText('Asiakas 01');
  await expect(page.getByRole('link', { name: 'Seuraava sivu' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Edellinen sivu' }).click();
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(page).not.toHaveURL(/cursor=/);
});
