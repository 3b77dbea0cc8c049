// The owner books the bank's payments: a file in an unknown format refused whole, a camt.054 statement booked by
// reference (one paid, one overpaid, one unknown reference), the same file refused a second time, the open ones
// resolved (the excess to another invoice, the unknown one with a note, by keyboard), a reference payment file,
// the page in English and at 320 px, and staff kept out.
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, expectAccessible, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

const isoDay = (days = 0) => {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }; // 75,30 €

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customerId: string): Promise<{ id: string; number: number; referenceNumber: string; rfReference: string }> {
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId, lines: [massage] } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return issued.json();
}

/** A camt.054 notification as a Finnish bank sends reference payments: one entry batching the transactions. */
function camt054(bookedOn: string, txs: { archiveId: string; amount: string; reference?: string; payer: string }[]): string {
  const tx = (t: (typeof txs)[number]) => `
        <TxDtls>
          <Refs><AcctSvcrRef>${t.archiveId}</AcctSvcrRef></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">${t.amount}</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>${t.payer}</Nm></Dbtr></RltdPties>${t.reference ? `
          <RmtInf><Strd><CdtrRefInf><Ref>${t.reference}</Ref></CdtrRefInf></Strd></RmtInf>` : ''}
        </TxDtls>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>JOURNEY-1</MsgId><CreDtTm>${bookedOn}T06:00:00+02:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>JOURNEY-1-N</Id>
      <Acct><Id><IBAN>FI2112345600000785</IBAN></Id></Acct>
      <Ntry>
        <Amt Ccy="EUR">${txs.reduce((s, t) => s + Number(t.amount), 0).toFixed(2)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${bookedOn}</Dt></BookgDt>
        <AcctSvcrRef>JOURNEY-1-E1</AcctSvcrRef>
        <NtryDtls>${txs.map(tx).join('')}
        </NtryDtls>
      </Ntry>
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}

/** The Finnish reference payment file: 90-character records, header 0, payments 3, trailer 9. */
function ktl(bookedOn: string, archiveId: string, reference: string, cents: number, payer: string): Buffer {
  const d = bookedOn.slice(2).replace(/-/g, '');
  const lines = [
    `0${d}0600811234567891`,
    `312345600000785${d}${d}${archiveId.padEnd(16)}${reference.padStart(20, '0')}${payer.padEnd(12).slice(0, 12)}1A${String(cents).padStart(10, '0')}0A `,
    `9000001${String(cents).padStart(11, '0')}${'0'.repeat(17)}`,
  ];
  return Buffer.from(lines.map((l) => l.padEnd(90)).join('\r\n') + '\r\n', 'latin1');
}

async function choose(page: Page, name: string, body: string | Buffer) {
  await page.getByLabel('Pankin tiedosto').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(body) });
  await page.getByRole('button', { name: 'Tuo ja kirjaa maksut' }).click();
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the owner imports the bank statement, resolves what did not match, and staff are kept out', async ({ page, browser, consoleGuard }) => {
  test.slow();
  // A refused file answers 422 (problem+json), which the page explains beside the file field.
  consoleGuard.allow(/status of 422/);
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const customer = await api.post(`/api/t/${tenant.slug}/customers`, {
    data: { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email: 'maija@example.fi', streetAddress: 'Kauppakatu 3', postalCode: '02100', city: 'Espoo' },
  });
  const customerId = ((await customer.json()) as { id: string }).id;
  const [a, b, c, d] = [await issuedInvoice(api, tenant, customerId), await issuedInvoice(api, tenant, customerId), await issuedInvoice(api, tenant, customerId), await issuedInvoice(api, tenant, customerId)];
  await api.dispose();
  const today = isoDay();

  await signIn(page, tenant, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pankkimaksut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maksut pankista' })).toBeVisible();
  // The page is the bank's area of the menu, not also the invoices'.
  const menu = page.getByRole('navigation', { name: 'Päävalikko' });
  await expect(menu.getByRole('link', { name: 'Pankkimaksut' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('link', { name: 'Laskut' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Tiedostoja ei ole vielä tuotu.')).toBeVisible();
  await expectAccessible(page, 'the bank page before any import');

  // A spreadsheet is not a bank file: refused whole, said beside the field.
  await choose(page, 'maksut.csv', 'päivä;summa;viite\n1.12.2026;75,30;0013\n');
  const file = page.getByLabel('Pankin tiedosto');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Tiedosto ei ole camt.054-tiliote eikä viitesiirtoaineisto. Mitään ei kirjattu.')).toBeVisible();
  await expectAccessible(page, 'the bank page with a refused file');

  // The statement: A paid by its RF reference, B paid 100 € (24,70 € too much), one reference nobody has.
  const statement = camt054(today, [
    { archiveId: 'JOURNEY000000001', amount: '75.30', reference: a.rfReference, payer: 'Maija Meikäläinen' },
    { archiveId: 'JOURNEY000000002', amount: '100.00', reference: b.referenceNumber, payer: 'Maija Meikäläinen' },
    { archiveId: 'JOURNEY000000003', amount: '12.00', reference: '9999999999995', payer: 'Tuntematon Maksaja' },
  ]);
  await choose(page, 'camt054.xml', statement);
  await expect(page.getByRole('heading', { level: 2, name: 'Tiedoston camt054.xml maksut' })).toBeVisible();
  await expect(file).not.toHaveAttribute('aria-invalid', 'true');
  const result = page.getByRole('region', { name: 'Tiedoston camt054.xml maksut' });
  const rows = result.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('Kirjattu');
  await expect(rows.nth(1)).toContainText(`Lasku ${a.number}`);
  await expect(rows.nth(2)).toContainText('Ylisuoritus');
  await expect(rows.nth(2)).toContainText('Maksettu enemmän kuin laskulla oli avoinna.');
  await expect(rows.nth(3)).toContainText('Viitteellä ei löydy laskua.');
  await expect(page).toHaveURL(/\/invoices\/bank\?import=/);
  await expectAccessible(page, 'the result of an import');
  await snapshot(page, 'bank-import-result');

  // The same file again: nothing booked, and the earlier import named with a link.
  await choose(page, 'camt054-uudelleen.xml', statement);
  await expect(page.getByText('Tämä tiedosto on jo tuotu. Mitään ei kirjattu uudelleen.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Aiempi tuonti: camt054\.xml/ })).toBeVisible();

  // The 24,70 € too much goes to invoice C.
  const open = page.getByRole('region', { name: 'Selvitettävät maksut' });
  const excess = open.getByRole('article', { name: /^24,70\s€/ });
  await excess.getByLabel('Lasku', { exact: true }).selectOption({ label: `Lasku ${c.number}, Maija Meikäläinen, avoinna 75,30 €` });
  await excess.getByRole('button', { name: 'Kohdista laskulle' }).click();
  await expect(page.getByText(`24,70 € kirjattiin laskulle ${c.number}.`)).toBeVisible();
  await expect(excess).toHaveCount(0);

  // The unknown payment was not ours: closed with a note, by keyboard alone.
  const unknown = open.getByRole('article', { name: /Tuntematon Maksaja/ });
  const note = unknown.getByRole('textbox', { name: 'Mitä tehtiin' });
  await tabTo(page, note);
  await page.keyboard.type('Palautettu maksajalle');
  await page.keyboard.press('Tab');
  await expect(unknown.getByRole('button', { name: 'Merkitse selvitetyksi' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Maksu 12,00 € merkittiin selvitetyksi.')).toBeVisible();
  await expect(open.getByText('Kaikki maksut on kohdistettu.')).toBeVisible();
  await expectAccessible(page, 'the bank page with everything resolved');

  // A reference payment file for invoice D, in ISO-8859-1 as the banks write it.
  await choose(page, 'viitesiirto.txt', ktl(today, 'KTL0000000000001', d.referenceNumber, 7530, 'MÄKINEN'));
  const ktlResult = page.getByRole('region', { name: 'Tiedoston viitesiirto.txt maksut' });
  await expect(ktlResult.getByRole('row').nth(1)).toContainText('MÄKINEN');
  await expect(ktlResult.getByRole('row').nth(1)).toContainText('Kirjattu');

  // The invoices say so.
  await page.goto(`/t/${tenant.slug}/invoices/${c.id}`);
  await expect(page.getByText('Osittain maksettu').first()).toBeVisible();

  // In English.
  await page.goto(`/t/${tenant.slug}/invoices/bank`);
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments from the bank' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Imported files' }).getByRole('row')).toHaveCount(3);
  await expectAccessible(page, 'the bank page in English');
  await page.getByRole('radio', { name: 'Suomi' }).click();

  // At 320 px.
  await page.setViewportSize({ width: 320, height: 720 });
  await page.getByRole('link', { name: 'camt054.xml' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tiedoston camt054.xml maksut' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the bank page');
  await expectAccessible(page, 'the bank page at 320 px');
  await snapshot(page, 'bank-import-320');

  // Staff do not see it in the menu, and the address tells them it is the owner's.
  const staffContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/bank`)}`);
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
  await expect(staffPage.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pankkimaksut' })).toHaveCount(0);
  await staffContext.close();
});
