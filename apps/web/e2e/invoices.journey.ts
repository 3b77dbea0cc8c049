// Staff bill a customer: an invoice with two VAT rates whose totals the API computes, issued, paid in two parts
// and printed; a credit note on another invoice; a draft edited by two people at once; the same by keyboard
// alone; and the pages at 320 px.
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, expectAccessible, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

/** Today in Finland as YYYY-MM-DD, and a day some days from it. */
const isoDay = (days = 0) => {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A date the Finnish way: 1.12.2026. */
const fi = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}.${m}.${y}`;
};

const maija = { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email: 'maija@example.fi', streetAddress: 'Kauppakatu 3 B 12', postalCode: '02100', city: 'Espoo' };

async function newCustomer(api: APIRequestContext, tenant: Tenant, fields: Record<string, string> = maija): Promise<string> {
  const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: fields });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customerId: string, lines: Record<string, unknown>[]): Promise<{ id: string; number: number }> {
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId, lines } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return (await issued.json()) as { id: string; number: number };
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 40, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('staff invoice a customer at two VAT rates, issue it, take two payments and print it', async ({ page }) => {
  test.slow(); // the whole working day of one invoice, with an accessibility scan of every state
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  await api.dispose();

  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${customerId}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();
  const billing = page.getByRole('region', { name: 'Laskut' }).first();
  await expect(page.getByRole('heading', { level: 2, name: 'Laskut' })).toBeVisible();
  await expect(page.getByText('Asiakkaalle ei ole vielä laskuja.')).toBeVisible();
  await expectAccessible(page, 'the customer page with no invoices');

  // A new invoice: a massage at 25,5 % and gym visits at 14 %, prices typed the Finnish way.
  await page.getByRole('link', { name: 'Uusi lasku' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi lasku' })).toBeVisible();
  const line1 = page.getByRole('group', { name: 'Rivi 1' });
  await line1.getByLabel('Kuvaus').fill('Hieronta 60 min');
  await line1.getByLabel('À-hinta (€, veroton)').fill('60,00');
  await expect(line1.getByLabel('ALV-kanta')).toHaveValue('25.5');
  await expect(line1.getByLabel('ALV-kanta').getByRole('option')).toHaveText(['25,5 %', '14 %', '13,5 %', '10 %', '0 %']);
  await page.getByRole('button', { name: 'Lisää rivi' }).click();
  const line2 = page.getByRole('group', { name: 'Rivi 2' });
  await expect(line2.getByLabel('Kuvaus')).toBeFocused();
  await line2.getByLabel('Kuvaus').fill('Kuntosalikäynti');
  await line2.getByLabel('Määrä').fill('0');
  await line2.getByLabel('À-hinta (€, veroton)').fill('12,90');
  await line2.getByLabel('ALV-kanta').selectOption('14');
  await expect(page.getByText('Summia ei voitu laskea: tarkista rivit.')).toBeVisible();

  // The API refuses a quantity of 0: said beside the second line's quantity, in Finnish.
  await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
  await expect(line2.getByLabel('Määrä')).toHaveAttribute('aria-invalid', 'true');
  await expect(line2.getByText('Määrän pitää olla vähintään 0,001 ja enintään 1 000 000.')).toBeVisible();
  await expect(line1.getByLabel('Määrä')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Tarkista merkityt kentät.')).toBeVisible();
  await expectAccessible(page, 'the invoice editor with a field error');
  await line2.getByLabel('Määrä').fill('3');

  // The totals are the API's: VAT per rate on the summed nets (38,70 × 14 % = 5,418 → 5,42).
  const totals = page.getByRole('table', { name: 'ALV-erittely' });
  await expect(totals.getByRole('row', { name: /^25,5\s%/ })).toContainText(['60,00 €', '15,30 €', '75,30 €'].join(''));
  await expect(totals.getByRole('row', { name: /^14\s%/ })).toContainText('38,70 €5,42 €44,12 €');
  await expect(totals.getByRole('row', { name: /Yhteensä/ })).toContainText('98,70 €20,72 €119,42 €');
  await expect(line2.getByText('Veroton yhteensä: 38,70 €')).toBeVisible();
  await snapshot(page, 'invoice-new');
  await page.getByRole('button', { name: 'Tallenna luonnos' }).click();

  // The draft, saved: checked, then issued.
  await expect(page.getByRole('heading', { level: 1, name: 'Laskuluonnos' })).toBeVisible();
  await expect(page.getByText('Luonnos on tallennettu. Tarkista se ja hyväksy lasku.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'ALV-erittely' }).getByRole('row', { name: /Yhteensä/ })).toContainText('119,42 €');
  await expectAccessible(page, 'a draft invoice');
  await page.getByRole('button', { name: 'Hyväksy lasku' }).click();
  await expect(page.getByText('Hyväksytäänkö lasku?')).toBeVisible();
  await page.getByRole('button', { name: 'Hyväksy ja numeroi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku 1' })).toBeFocused();
  await expect(page.getByText('Lasku 1 on hyväksytty.')).toBeVisible();
  const facts = page.getByRole('region', { name: 'Laskun tiedot' });
  await expect(facts).toContainText(`Päiväys${fi(isoDay())}`);
  await expect(facts).toContainText(`Eräpäivä${fi(isoDay(14))}`);
  await expect(facts).toContainText(/Viitenumero\d{4,}/);
  await expect(facts).toContainText(/RF-viiteRF\d\d \d{1,4}/);
  await expect(page.getByText('Avoin', { exact: true })).toBeVisible();
  await expectAccessible(page, 'an issued invoice');
  await snapshot(page, 'invoice-issued');

  // Payments: more than is owed is refused with the API's reason; so is a day in the future.
  const amount = page.getByLabel('Summa (€)');
  await expect(amount).toHaveValue('119,42');
  await amount.fill('200,00');
  await page.getByRole('button', { name: 'Kirjaa maksu' }).click();
  await expect(page.getByText('Summa on suurempi kuin laskulla avoinna oleva 119,42 €.', { exact: false })).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await amount.fill('50,00');
  await page.getByLabel('Maksupäivä').fill(isoDay(1));
  await page.getByRole('button', { name: 'Kirjaa maksu' }).click();
  await expect(page.getByText('Maksupäivä ei voi olla tulevaisuudessa.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Maksupäivä')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the payment form with errors');
  await page.getByLabel('Maksupäivä').fill(isoDay());
  await page.getByRole('button', { name: 'Kirjaa maksu' }).click();
  await expect(page.getByText('Maksu 50,00 € on kirjattu.')).toBeVisible();
  await expect(page.getByText('Osittain maksettu', { exact: true })).toBeVisible();
  await expect(facts).toContainText('Avoinna69,42 €');
  await expect(amount).toHaveValue('69,42');
  await page.getByRole('button', { name: 'Kirjaa maksu' }).click();
  await expect(page.getByText('Maksu 69,42 € on kirjattu.')).toBeVisible();
  await expect(page.getByText('Maksettu', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Maksut' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Maksut' }).getByRole('listitem')).toHaveText([`${fi(isoDay())}: 50,00 €`, `${fi(isoDay())}: 69,42 €`]);
  await expect(page.getByRole('button', { name: 'Kirjaa maksu' })).toHaveCount(0);

  // The print view: seller and buyer as issued, number, dates, lines, VAT per rate, totals, both references.
  await page.getByRole('link', { name: 'Tulostettava lasku' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku' })).toBeVisible();
  const doc = page.getByRole('article');
  for (const text of [tenant.legalName, 'Y-tunnus 2832233-5', 'Merivirta 5A', '02320 Espoo', 'Maija Meikäläinen', 'Kauppakatu 3 B 12', '02100 Espoo', 'Hieronta 60 min', 'Kuntosalikäynti']) {
    await expect(doc).toContainText(text);
  }
  await expect(doc.getByRole('definition').first()).toHaveText('1');
  await expect(doc).toContainText(`Päiväys${fi(isoDay())}`);
  await expect(doc).toContainText(`Eräpäivä${fi(isoDay(14))}`);
  await expect(doc).toContainText('Maksuehto14 päivää netto');
  const vat = doc.getByRole('table', { name: 'ALV-erittely' });
  await expect(vat.getByRole('row', { name: /^25,5\s%/ })).toContainText('60,00 €15,30 €75,30 €');
  await expect(vat.getByRole('row', { name: /^14\s%/ })).toContainText('38,70 €5,42 €44,12 €');
  await expect(doc).toContainText('Veroton yhteensä98,70 €');
  await expect(doc).toContainText('ALV yhteensä20,72 €');
  await expect(doc).toContainText('Yhteensä119,42 €');
  const payment = doc.getByRole('region', { name: 'Maksutiedot' });
  await expect(payment).toContainText(/Viitenumero\d+/);
  await expect(payment).toContainText(/RF-viiteRF\d\d( \d{1,4})+/);
  await expectAccessible(page, 'the print view');
  await snapshot(page, 'invoice-print-screen');

  // Printed, only the document is left: no navigation, no toolbar.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Tulosta' })).toBeHidden();
  await expect(doc).toBeVisible();
  await expectAccessible(page, 'the print view, printed');
  if (process.env.SCREENSHOT_DIR) {
    // A4 at 96 dpi less the @page margins (16 mm each side, 14 mm top and bottom): the width the document prints at.
    await page.setViewportSize({ width: 673, height: 1017 });
    await snapshot(page, 'invoice-print');
  }
  await page.emulateMedia({ media: 'screen' });

  // Back on the customer's page: paid, nothing outstanding.
  await page.goto(`/t/${tenant.slug}/customers/${customerId}`);
  const table = page.getByRole('table', { name: 'Laskut' });
  await expect(table.getByRole('row', { name: /Lasku 1/ })).toContainText('Maksettu');
  await expect(page.getByRole('definition').filter({ hasText: /^0,00\s€$/ })).toHaveCount(1);
  await expect(billing).toBeVisible();
  await expectAccessible(page, 'the customer page with a paid invoice');
});

test('staff see what is unpaid, and credit an invoice with a reason', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  const first = await issuedInvoice(api, tenant, customerId, [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }]);
  await issuedInvoice(api, tenant, customerId, [{ description: 'Kuntosalikortti', quantity: 1, unitPriceCents: 8900, vatRate: 14 }]);
  await api.dispose();

  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${customerId}`)}`);
  await expect(page.getByText('2 laskua maksamatta')).toBeVisible();
  const table = page.getByRole('table', { name: 'Laskut' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /Lasku 1/ })).toContainText('Avoin');
  await expect(table.getByRole('row', { name: /Lasku 2/ })).toContainText('101,46 €');
  await snapshot(page, 'customer-invoices');

  await table.getByRole('link', { name: 'Lasku 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Hyvitä lasku…' }).click();
  const reason = page.getByLabel('Hyvityksen syy');
  await expect(reason).toBeFocused();
  await page.getByRole('button', { name: 'Tee hyvityslasku' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('Asiakas peruutti varauksen');
  await expectAccessible(page, 'the credit form');
  await page.getByRole('button', { name: 'Tee hyvityslasku' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Hyvityslasku 3' })).toBeVisible();
  await expect(page.getByText('Hyvityslasku 3 on tehty.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Hyvityslaskun tiedot' })).toContainText('Yhteensä−75,30 €');
  await expect(page.getByText('Syy: Asiakas peruutti varauksen')).toBeVisible();
  await expectAccessible(page, 'a credit note');
  await page.getByRole('link', { name: 'Lasku 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku 1' })).toBeVisible();
  await expect(page.getByText('Hyvitetty', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hyvityslasku 3' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hyvitä lasku…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kirjaa maksu' })).toHaveCount(0);

  // The credit note prints as one, naming the invoice it credits.
  await page.goto(`/t/${tenant.slug}/invoices/${first.id}`);
  await page.getByRole('link', { name: 'Hyvityslasku 3' }).click();
  await page.getByRole('link', { name: 'Tulostettava lasku' }).click();
  const doc = page.getByRole('article');
  await expect(doc.getByRole('heading', { level: 1, name: 'Hyvityslasku' })).toBeVisible();
  await expect(doc).toContainText('Hyvitettävä lasku1');
  await expect(doc).toContainText('Hyvitys yhteensä−75,30 €');
  await expectAccessible(page, 'a credit note, printed');

  // On the customer's page: one invoice left unpaid; the credited one and its note say what they are.
  await page.goto(`/t/${tenant.slug}/customers/${customerId}`);
  await expect(page.getByText('1 lasku maksamatta')).toBeVisible();
  await expect(table.getByRole('row', { name: /^Lasku 1/ })).toContainText('Hyvitetty');
  await expect(table.getByRole('row', { name: /Hyvityslasku 3/ })).toContainText('Hyvityslasku');
});

test('the owner reverses a payment recorded by mistake, with a reason', async ({ page }) => {
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  const invoice = await issuedInvoice(api, tenant, customerId, [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }]);
  expect((await api.post(`/api/t/${tenant.slug}/invoices/${invoice.id}/payments`, { data: { amountCents: 7530, paidOn: isoDay() } })).status()).toBe(201);
  await api.dispose();

  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/${invoice.id}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: `Lasku ${invoice.number}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirjaa maksu' })).toHaveCount(0);
  await page.getByRole('button', { name: `Peru maksu 75,30 € (${fi(isoDay())})` }).click();
  const reason = page.getByLabel('Miksi maksu perutaan?');
  await expect(reason).toBeFocused();
  await page.getByRole('button', { name: 'Peru maksu', exact: true }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('Kirjattu väärälle laskulle');
  await expectAccessible(page, 'the payment reversal form');
  await page.getByRole('button', { name: 'Peru maksu', exact: true }).click();

  await expect(page.getByText('Maksu 75,30 € peruttiin.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Maksut' }).getByRole('listitem')).toContainText(['peruttu']);
  await expect(page.getByRole('region', { name: 'Maksut' }).getByRole('listitem')).toContainText(['Kirjattu väärälle laskulle']);
  await expect(page.getByRole('button', { name: /^Peru maksu 75,30/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kirjaa maksu' })).toBeVisible();
  await expectAccessible(page, 'an invoice with a reversed payment');
  await snapshot(page, 'invoice-payment-reversed');
});

test('a draft changed by someone else meanwhile is saved over only when the user says so', async ({ page }) => {
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  const created = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId, lines: [{ description: 'Hieronta 30 min', quantity: 1, unitPriceCents: 3500, vatRate: 25.5 }] } });
  const draft = (await created.json()) as { id: string; version: number };
  await api.dispose();

  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/${draft.id}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Laskuluonnos' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Rivi 1' }).getByLabel('À-hinta (€, veroton)')).toHaveValue('35,00');

  // The owner changes the payment term while staff edit the price.
  const ownerApi = await signedInApi(tenant, owner);
  expect((await ownerApi.patch(`/api/t/${tenant.slug}/invoices/${draft.id}`, { data: { version: draft.version, paymentTermDays: 7 } })).status()).toBe(200);
  await ownerApi.dispose();
  await page.getByRole('group', { name: 'Rivi 1' }).getByLabel('À-hinta (€, veroton)').fill('40,00');
  await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
  await expect(page.getByText('Luonnosta muutettiin samaan aikaan')).toBeVisible();
  await expectAccessible(page, 'a draft in conflict');
  await page.getByRole('button', { name: 'Tallenna omat muutokseni sen päälle' }).click();
  await expect(page.getByText('Luonnos on tallennettu.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Rivi 1' }).getByLabel('À-hinta (€, veroton)')).toHaveValue('40,00');
  await expect(page.getByRole('table', { name: 'ALV-erittely' }).getByRole('row', { name: /Yhteensä/ })).toContainText('50,20 €');
});

test('staff invoice, issue and record a payment with the keyboard alone', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  await api.dispose();
  const kb = page.keyboard;
  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${customerId}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: 'Uusi lasku' }));
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi lasku' })).toBeFocused();
  await kb.press('Tab');
  const line1 = page.getByRole('group', { name: 'Rivi 1' });
  await expect(line1.getByLabel('Kuvaus')).toBeFocused();
  await kb.type('Hieronta 60 min');
  await kb.press('Tab');
  await kb.press('ControlOrMeta+a');
  await kb.type('2');
  await kb.press('Tab');
  await kb.type('60,00');
  await kb.press('Tab');
  await expect(line1.getByLabel('ALV-kanta')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Lisää rivi' }));
  await kb.press('Enter');
  const line2 = page.getByRole('group', { name: 'Rivi 2' });
  await expect(line2.getByLabel('Kuvaus')).toBeFocused();
  await kb.type('Hierontaöljy');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.type('12,90');
  await kb.press('Tab');
  await expect(line2.getByLabel('ALV-kanta')).toBeFocused();
  await kb.press('ArrowDown');
  await expect(line2.getByLabel('ALV-kanta')).toHaveValue('14');
  await expect(page.getByRole('table', { name: 'ALV-erittely' }).getByRole('row', { name: /Yhteensä/ })).toContainText('165,31 €');
  // Enter in a text field sends the form.
  await tabTo(page, page.getByLabel('Maksuaika (päivää)'));
  await kb.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Laskuluonnos' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Hyväksy lasku' }), 60);
  await kb.press('Enter');
  await expect(page.getByRole('button', { name: 'Hyväksy ja numeroi' })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku 1' })).toBeFocused();
  await tabTo(page, page.getByLabel('Summa (€)'), 60);
  await expect(page.getByLabel('Summa (€)')).toHaveValue('165,31');
  await kb.press('Enter');
  await expect(page.getByText('Maksu 165,31 € on kirjattu.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Maksut' })).toBeFocused();
  await expect(page.getByText('Maksettu', { exact: true }).first()).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Tulostettava lasku' }), 60, 'Shift+Tab');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Lasku' })).toBeFocused();
  await expectAccessible(page, 'the print view reached by keyboard');
});

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 720 } });

  const expectNoSidewaysScroll = async (page: Page, what: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
  };

  test('the invoice pages fit a narrow screen', async ({ page }) => {
    const { tenant, staff } = await tenantWithStaff();
    const api = await signedInApi(tenant, staff);
    const customerId = await newCustomer(api, tenant);
    const invoice = await issuedInvoice(api, tenant, customerId, [
      { description: 'Hieronta 60 min, aromaterapiaöljyt ja lämpöhoito', quantity: 1.5, unitPriceCents: 123456, vatRate: 25.5 },
      { description: 'Kuntosalikäynti', quantity: 3, unitPriceCents: 1290, vatRate: 14 },
    ]);
    await api.dispose();
    await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${customerId}`)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Laskut' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the customer page with invoices');
    await expectAccessible(page, 'the customer page with invoices at 320 px');
    await snapshot(page, 'customer-invoices-320');

    await page.getByRole('link', { name: 'Uusi lasku' }).click();
    const line1 = page.getByRole('group', { name: 'Rivi 1' });
    await line1.getByLabel('Kuvaus').fill('Hieronta');
    await line1.getByLabel('À-hinta (€, veroton)').fill('1 234,56');
    await expect(page.getByRole('table', { name: 'ALV-erittely' }).getByRole('row', { name: /Yhteensä/ })).toContainText('1 549,37 €');
    await expectNoSidewaysScroll(page, 'the invoice editor');
    await expectAccessible(page, 'the invoice editor at 320 px');
    await snapshot(page, 'invoice-new-320');

    await page.goto(`/t/${tenant.slug}/invoices/${invoice.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Lasku ${invoice.number}` })).toBeVisible();
    await expectNoSidewaysScroll(page, 'an issued invoice');
    await expectAccessible(page, 'an issued invoice at 320 px');
    await snapshot(page, 'invoice-320');

    await page.goto(`/t/${tenant.slug}/invoices/${invoice.id}/print`);
    await expect(page.getByRole('heading', { level: 1, name: 'Lasku' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the print view');
    await expectAccessible(page, 'the print view at 320 px');
    await snapshot(page, 'invoice-print-320');
  });
});
