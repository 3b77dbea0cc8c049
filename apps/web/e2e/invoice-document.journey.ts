// The owner makes invoices payable: sets the seller's IBAN and BIC in the settings (a bad IBAN is refused
// beside its field), downloads an invoice's PDF (its text read back: the account, reference and virtual
// barcode are on it), sends it to the customer (the .eml arrives with the PDF attached), and by keyboard
// alone; a company customer's invoice also offers Finvoice. Axe on every state.
import { readFileSync } from 'node:fs';
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, expectAccessible, fromMail, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

/** The text of a PDF as a reader (pdf.js) extracts it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/[ \t]+/g, ' ');
}

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customer: Record<string, string>): Promise<{ id: string; number: number; referenceNumber: string }> {
  const c = await api.post(`/api/t/${tenant.slug}/customers`, { data: customer });
  expect(c.status(), await c.text()).toBe(201);
  const lines = [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }];
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId: ((await c.json()) as { id: string }).id, lines } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return (await issued.json()) as { id: string; number: number; referenceNumber: string };
}

async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the owner sets the IBAN, downloads an invoice PDF and sends it to the customer', async ({ page }) => {
  test.slow();
  const { tenant, owner } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const email = `maija@${tenant.slug}.test`;
  const invoice = await issuedInvoice(api, tenant, { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email, streetAddress: 'Kauppakatu 3', postalCode: '02100', city: 'Espoo' });
  const company = await issuedInvoice(api, tenant, { businessId: '0112038-9', companyName: 'Yritys Oy', email: `laskut@${tenant.slug}.test`, streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' });
  await api.dispose();

  // Before the account is set, the invoice says it cannot be paid yet and where to fix it.
  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/${invoice.id}`)}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Laskun lähettäminen' })).toBeVisible();
  await expect(page.getByText('Laskulla ei voi vielä maksaa: myyjän IBAN-tilinumero puuttuu.')).toBeVisible();
  await page.getByRole('link', { name: 'Myyjän tiedot asetuksissa' }).click();

  // The seller's details: a wrong IBAN check digit is refused beside the field, then the right one is saved.
  const seller = page.getByRole('region', { name: 'Myyjän tiedot laskuilla' });
  await expect(seller.getByLabel('Virallinen nimi')).toHaveValue(tenant.legalName);
  await seller.getByLabel('IBAN-tilinumero').fill('FI49 5000 9420 0287 31');
  await seller.getByLabel('BIC').fill('OKOYFIHH');
  await seller.getByRole('button', { name: 'Tallenna myyjän tiedot' }).click();
  await expect(seller.getByLabel('IBAN-tilinumero')).toHaveAttribute('aria-invalid', 'true');
  await expect(seller.getByText('Tarkista IBAN: tarkistusnumerot eivät täsmää.')).toBeVisible();
  await expectAccessible(page, 'the seller details with a refused IBAN');
  await seller.getByLabel('IBAN-tilinumero').fill('FI49 5000 9420 0287 30');
  await seller.getByRole('button', { name: 'Tallenna myyjän tiedot' }).click();
  await expect(seller.getByText('Myyjän tiedot tallennettu.')).toBeVisible();
  await expect(seller.getByLabel('IBAN-tilinumero')).toHaveValue('FI49 5000 9420 0287 30');
  await snapshot(page, 'seller-details');

  // The invoice page: download the PDF and read it.
  await page.goto(`/t/${tenant.slug}/invoices/${invoice.id}`);
  const documents = page.getByRole('region', { name: 'Laskun lähettäminen' });
  await expect(documents.getByRole('link', { name: 'Lataa PDF' })).toBeVisible();
  await expect(documents.getByRole('link', { name: /Finvoice/ })).toHaveCount(0); // a private customer
  await expectAccessible(page, 'an issued invoice with its documents');
  await snapshot(page, 'invoice-documents');
  const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: 'Lataa PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`lasku-${invoice.number}.pdf`);
  const text = await pdfText(readFileSync((await download.path())!));
  for (const field of ['LASKU', `Laskun numero ${invoice.number}`, tenant.legalName, 'Y-tunnus 2832233-5', 'Maija Meikäläinen', 'Kauppakatu 3', 'FI49 5000 9420 0287 30', 'BIC OKOYFIHH', 'ALV 25,5 %', 'Yhteensä (EUR) 75,30 €', 'Virtuaaliviivakoodi: 449500']) {
    expect(text).toContain(field);
  }

  // Send it: the page says where it went, and the e-mail arrives with the PDF attached.
  await documents.getByRole('button', { name: 'Lähetä asiakkaalle' }).click();
  await expect(documents.getByText(`Lasku lähetetty osoitteeseen ${email}.`)).toBeVisible();
  const [, attached] = await fromMail(email, new RegExp(`filename=(lasku-${invoice.number}\\.pdf)`), 'the invoice e-mail');
  expect(attached).toBe(`lasku-${invoice.number}.pdf`);
  await fromMail(email, /Virtuaaliviivakoodi: (4\d{5}(?: \d{6}){8})/, 'the barcode in the e-mail');

  // A company customer's invoice, by keyboard alone: Finvoice is offered, and sending works with Enter.
  await page.goto(`/t/${tenant.slug}/invoices/${company.id}`);
  const finvoice = page.getByRole('link', { name: 'Lataa Finvoice-verkkolasku' });
  await tabTo(page, finvoice);
  const [xml] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(xml.suggestedFilename()).toBe(`finvoice-${company.number}.xml`);
  const message = readFileSync((await xml.path())!, 'utf8');
  expect(message).toContain('<Finvoice Version="3.0"');
  expect(message).toContain('<EpiAccountID IdentificationSchemeName="IBAN">FI4950009420028730</EpiAccountID>');
  await tabTo(page, page.getByRole('button', { name: 'Lähetä asiakkaalle' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Lasku lähetetty osoitteeseen laskut@${tenant.slug}.test.`)).toBeVisible();
  await fromMail(`laskut@${tenant.slug}.test`, new RegExp(`filename=(lasku-${company.number}\\.pdf)`), 'the company invoice e-mail');
});

test('in English the buttons and the PDF are English, and the page fits 320 px', async ({ page }) => {
  const { tenant, owner } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const seller = (await (await api.get(`/api/t/${tenant.slug}/seller`)).json()) as Record<string, unknown>;
  const put = await api.put(`/api/t/${tenant.slug}/seller`, { data: { ...seller, iban: 'FI4950009420028730', bic: 'OKOYFIHH', language: undefined } });
  expect(put.status(), await put.text()).toBe(200);
  const invoice = await issuedInvoice(api, tenant, { businessId: '0112038-9', companyName: 'Yritys Oy', email: `ap@${tenant.slug}.test`, streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' });
  await api.dispose();
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/${invoice.id}`)}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Laskun lähettäminen' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('rekisteri.locale', 'en'));
  await page.reload();
  const documents = page.getByRole('region', { name: 'Sending the invoice' });
  await expect(documents.getByRole('link', { name: 'Download PDF' })).toBeVisible();
  await expect(documents.getByRole('button', { name: 'Send to customer' })).toBeVisible();
  await expect(documents.getByRole('link', { name: 'Download the Finvoice e-invoice' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'the invoice documents in English at 320 px');
  const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`invoice-${invoice.number}.pdf`);
  const text = await pdfText(readFileSync((await download.path())!));
  for (const field of ['INVOICE', 'Business ID 0112038-9', 'VAT 25.5 %', 'Virtual bank barcode: 549500']) expect(text).toContain(field);
});
