// The owner brings the old customer list in from a CSV file that has every kind of problem (a malformed file
// first), maps its columns, reads the preview's row errors and duplicates, imports, sees the customers; then
// finds two records of one customer and merges them, warned that it cannot be undone. At 320 px too.
import { type Page } from '@playwright/test';
import { expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

const WIN1252: Record<string, number> = { ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4, Ö: 0xd6, Å: 0xc5 };
const win1252 = (text: string) => Buffer.from([...text].map((c) => WIN1252[c] ?? c.charCodeAt(0)));

// Windows-1252 and `;`, as old Finnish Excel saves it; a row of each problem kind.
const OLD_LIST = [
  'Nimi;Sähköposti;Puhelin;Y-tunnus;Markkinointilupa',
  'Mäkinen Matti;matti@example.fi;040 123 4567;;kyllä',
  'Huono Osoite;ei-osoite;;;',
  'Huono Puhelin;hp@example.fi;12;;',
  'Huono Tunnus;ht@example.fi;;2832233-4;',
  'Jo Rekisterissä;olemassa@example.fi;;;',
  'Kahdesti Tiedostossa;MATTI@example.fi;;;',
  'Åström Anna;anna@example.fi;050 765 4321;2832233-5;ei',
].join('\r\n') + '\r\n';

async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
}

test('the owner imports an old customer list with every problem kind, then merges two duplicates', async ({ page }) => {
  // Two whole tasks with seven axe scans: longer than one journey's usual two minutes.
  test.setTimeout(300_000);
  const { tenant, owner } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  expect((await api.post(`/api/t/${tenant.slug}/customers`, { data: { contactName: 'Olemassa Oleva', email: 'olemassa@example.fi' } })).status()).toBe(201);
  await signIn(page, tenant, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await page.getByRole('link', { name: 'Tuo CSV-tiedostosta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tuo asiakkaita CSV-tiedostosta' })).toBeVisible();
  await expectAccessible(page, 'the import page');

  // A malformed file: refused, naming the line and the column, beside the file field.
  const fileField = page.getByLabel('CSV-tiedosto');
  await fileField.setInputFiles({ name: 'rikki.csv', mimeType: 'text/csv', buffer: Buffer.from('Nimi;Sähköposti\nA;a@example.fi\nB;b@example.fi;ylimääräinen\n') });
  await expect(page.getByText('Tiedostoa ei voi lukea CSV-muodossa (rivi 3, sarake 3)')).toBeVisible();
  await expect(fileField).toHaveAttribute('aria-invalid', 'true');

  // The real file: its encoding and separator found, its columns mapped from their Finnish names.
  await fileField.setInputFiles({ name: 'asiakkaat.csv', mimeType: 'text/csv', buffer: win1252(OLD_LIST) });
  await expect(page.getByText('asiakkaat.csv: 7 riviä, merkistö Windows-1252, erotin ;')).toBeVisible();
  await expect(fileField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Sarake Sähköposti')).toHaveValue('email');
  await expect(page.getByLabel('Sarake Nimi')).toHaveValue('contactName');
  await expect(page.getByLabel('Sarake Markkinointilupa')).toHaveValue('marketingEmailConsent');
  await expect(page.getByText('Esimerkki: Mäkinen Matti')).toBeVisible();
  await expectAccessible(page, 'the column mapping');

  // By keyboard: the preview button.
  await page.getByRole('button', { name: 'Esikatsele' }).focus();
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Rivit ja mitä kullekin tehdään' });
  await expect(table).toBeVisible();
  const row = (line: number) => table.getByRole('row').filter({ has: page.getByRole('cell', { name: String(line), exact: true }) });
  await expect(row(2)).toContainText('Uusi');
  await expect(row(3)).toContainText('Sähköposti: Sähköpostiosoite ei kelpaa.');
  await expect(row(4)).toContainText('Puhelin: Puhelinnumero ei kelpaa.');
  await expect(row(5)).toContainText('Y-tunnus: Y-tunnus ei kelpaa');
  await expect(row(6)).toContainText('Sama Sähköposti kuin rekisterissä olevalla asiakkaalla');
  await expect(row(7)).toContainText('Sama Sähköposti kuin rivillä 2');
  await expect(row(8)).toContainText('Uusi');
  await expectAccessible(page, 'the preview');
  await snapshot(page, 'import-preview');

  // All or nothing refuses while rows have errors; without it the two good rows come in.
  await page.getByLabel('Kaikki tai ei mitään', { exact: false }).check();
  await expect(page.getByRole('button', { name: 'Tuo 2 asiakasta' })).toBeDisabled();
  await page.getByLabel('Kaikki tai ei mitään', { exact: false }).uncheck();
  await page.getByRole('button', { name: 'Tuo 2 asiakasta' }).click();
  await expect(page.getByText('Tuonti valmis: 2 uutta, 0 päivitetty, 2 ohitettu, 3 virheellistä riviä jätetty pois.')).toBeVisible();
  await expect(page.getByText('Yksi markkinointilupa kirjattu (lähde: tuonti).')).toBeVisible();
  await expectAccessible(page, 'the import done');
  await page.getByRole('link', { name: 'Näytä asiakkaat' }).click();
  const customers = page.getByRole('table', { name: 'Asiakkaat' });
  await expect(customers.getByRole('link', { name: 'Mäkinen Matti' })).toBeVisible();
  await expect(customers.getByRole('link', { name: 'Åström Anna' })).toBeVisible();
  await expect(customers.getByRole('row')).toHaveCount(4);

  // A second record of Matti, entered by hand with his phone: a likely duplicate.
  expect((await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Matti', billingLastName: 'Mäkinen', phone: '+358 40 123 4567', city: 'Espoo' } })).status()).toBe(201);
  await page.getByRole('link', { name: 'Kaksoiskappaleet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mahdolliset kaksoiskappaleet' })).toBeVisible();
  const pair = page.getByRole('region', { name: 'Mäkinen Matti ja Matti Mäkinen' });
  await expect(pair).toContainText('sama puhelinnumero');
  await expectAccessible(page, 'the duplicates');
  await pair.getByRole('button', { name: 'Yhdistä…' }).click();
  await expect(pair.getByRole('radio', { name: 'Säilytä Mäkinen Matti (matti@example.fi)' })).toBeChecked();
  await expect(pair.getByText('Yhdistämistä ei voi perua')).toBeVisible();
  await expect(pair.getByText('Matti Mäkinen poistetaan.', { exact: false })).toBeVisible();
  await expectAccessible(page, 'the merge warning');
  await snapshot(page, 'merge-warning');
  await pair.getByRole('button', { name: 'Yhdistä Matti Mäkinen asiakkaaseen Mäkinen Matti pysyvästi' }).click();
  await expect(page.getByText('Yhdistetty: tiedot ovat nyt asiakkaalla Mäkinen Matti.')).toBeVisible();
  await expect(page.getByText('Kaksoiskappaleita ei löytynyt.')).toBeVisible();
  await page.getByRole('link', { name: 'Avaa asiakas' }).click();
  // The kept record (its e-mail and phone) took the removed one's empty fields: the billing name, shown first
  // now, and the city.
  await expect(page.getByRole('heading', { level: 1, name: 'Matti Mäkinen' })).toBeVisible();
  await expect(page.getByText('matti@example.fi')).toBeVisible();
  await expect(page.getByText('Espoo').first()).toBeVisible();
  await expectAccessible(page, 'the kept customer');

  // At 320 px both pages fit.
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(`/t/${tenant.slug}/customers/import`);
  await page.getByLabel('CSV-tiedosto').setInputFiles({ name: 'asiakkaat.csv', mimeType: 'text/csv', buffer: win1252(OLD_LIST) });
  await page.getByRole('button', { name: 'Esikatsele' }).click();
  await expect(page.getByRole('table', { name: 'Rivit ja mitä kullekin tehdään' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the import preview');
  await snapshot(page, 'import-320');
  await page.goto(`/t/${tenant.slug}/customers/duplicates`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mahdolliset kaksoiskappaleet' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the duplicates page');
  await api.dispose();
});
