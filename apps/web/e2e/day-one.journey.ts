// Day one (issue 15): an owner finds customers as people write them (no accents, a spaced phone), exports the
// register to CSV for Excel (checked byte by byte), and works through the invoices across customers, filtered to
// the overdue ones; the new page passes axe and fits 320 px. Staff see no export.
import { type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dueDaysAgo, expect, expectAccessible, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

async function newCustomer(api: APIRequestContext, tenant: Tenant, fields: Record<string, string>): Promise<string> {
  const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: fields });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customerId: string, cents: number): Promise<string> {
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId, lines: [{ description: 'Hieronta', quantity: 1, unitPriceCents: cents, vatRate: 0 }] } });
  expect(draft.status(), await draft.text()).toBe(201);
  const id = ((await draft.json()) as { id: string }).id;
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return id;
}

test('an owner finds customers without accents and by a spaced phone, exports the register to CSV and lists the overdue invoices', async ({ page, browser }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const address = { streetAddress: 'Kauppakatu 3', postalCode: '02100', city: 'Espoo' };
  const kovacs = await newCustomer(api, tenant, { contactName: 'Kovács Péter', phone: '040 123 4567', email: 'peter@example.hu', ...address });
  const makinen = await newCustomer(api, tenant, { billingFirstName: 'Äijä', billingLastName: 'Mäkinen', phone: '050 765 4321', ...address });
  await newCustomer(api, tenant, { companyName: 'Sähkö =SUM(A1) Oy', businessId: '0112038-9', ...address });
  const late = await issuedInvoice(api, tenant, kovacs, 123456);
  await issuedInvoice(api, tenant, makinen, 2500);
  await api.dispose();
  await dueDaysAgo(tenant, late, 10);

  // Search as people type: no accents, then the phone with spaces.
  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers`)}`);
  const table = page.getByRole('table', { name: 'Asiakkaat' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await page.getByLabel('Hae asiakkaita').fill('kovacs');
  await expect(page).toHaveURL(/\?q=kovacs$/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: 'Kovács Péter' })).toBeVisible();
  await page.getByLabel('Hae asiakkaita').fill('makinen');
  await expect(table.getByRole('link', { name: 'Äijä Mäkinen' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Hae asiakkaita').fill('+358 40 123 4567');
  await expect(table.getByRole('link', { name: 'Kovács Péter' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Hae asiakkaita').fill('040 123 4567');
  await expect(page).toHaveURL(/\?q=040\+123\+4567$/);
  await expect(table.getByRole('link', { name: 'Kovács Péter' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Hae asiakkaita').fill('01120389');
  await expect(table.getByRole('link', { name: 'Sähkö =SUM(A1) Oy' })).toBeVisible();
  await expectAccessible(page, 'the customers page with the export button');
  await snapshot(page, 'customers-export');

  // The export downloads as a file Finnish Excel opens: BOM, semicolons, formulas disarmed.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Vie CSV-tiedostoon' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toMatch(/^id;businessId;companyName;contactName;email;phone;/);
  expect(lines.filter(Boolean)).toHaveLength(4);
  expect(lines.find((l) => l.startsWith(kovacs))).toContain(";Kovács Péter;peter@example.hu;'+358401234567;");
  expect(lines.find((l) => l.includes('SUM'))).toContain(';0112038-9;Sähkö =SUM(A1) Oy;');

  // Invoices across customers, from the navigation: overdue first, said in words; then only the overdue ones.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Laskut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laskut' })).toBeVisible();
  const invoices = page.getByRole('table', { name: 'Laskut, erääntyneet ensin' });
  await expect(invoices.getByRole('row')).toHaveCount(3);
  await expect(invoices.getByRole('row').nth(1)).toContainText('Kovács Péter');
  await expect(invoices.getByRole('row').nth(1)).toContainText('Erääntynyt');
  await expect(invoices.getByRole('row').nth(2)).toContainText('Avoin');
  const sums = page.getByRole('definition');
  // Sums of everything listed, money the Finnish way: 1 234,56 € + 25,00 €.
  await expect(sums.nth(1)).toHaveText(/^1\s259,56\s€$/);
  await expect(sums.nth(2)).toHaveText(/^1\s259,56\s€$/);
  await expectAccessible(page, 'the invoices page');
  await snapshot(page, 'invoices');
  await page.getByLabel('Tila').selectOption('overdue');
  await expect(page).toHaveURL(/\/invoices\?status=overdue$/);
  await expect(invoices.getByRole('row')).toHaveCount(2);
  await expect(invoices.getByRole('row').nth(1)).toContainText('Erääntynyt');
  await expect(page.getByText('Erääntynyttä', { exact: true })).toBeVisible();
  await expect(sums.nth(3)).toHaveText(/^1\s234,56\s€$/);
  // The filter is in the URL: a reload shows the same list.
  await page.reload();
  await expect(page.getByLabel('Tila')).toHaveValue('overdue');
  await expect(invoices.getByRole('row')).toHaveCount(2);

  // At 320 px the page fits without sideways scrolling and stays usable.
  await page.setViewportSize({ width: 320, height: 720 });
  await expect(page.getByLabel('Tila')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'the invoices page at 320 px');
  await snapshot(page, 'invoices-320');
  await page.getByLabel('Tila').selectOption('');
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(invoices.getByRole('row')).toHaveCount(3);

  // Staff see the invoices too, but no export.
  const staffContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers`)}`);
  await expect(staffPage.getByRole('table', { name: 'Asiakkaat' }).getByRole('row')).toHaveCount(4);
  await expect(staffPage.getByRole('link', { name: 'Vie CSV-tiedostoon' })).toHaveCount(0);
  await expect(staffPage.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Laskut' })).toBeVisible();
  await staffContext.close();
});
