// Data-subject rights in the console: consents given and withdrawn with their history and a portal invitation;
// an erasure refused while an invoice is unpaid (the invoice named, with a link), then done once it is paid, with
// the mails sent about it listed; the
// requests inbox with overdue and due-soon requests first, extended (before the deadline only) and rejected with
// reasons, a repeat access request decided by the owner, and an export downloaded; the rejection by keyboard alone. Each from a fresh tenant.
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, inTenantDatabase, invitationLinkFromMail, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

const DAY = 86_400_000;
const maija = { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email: 'maija@example.fi', streetAddress: 'Kauppakatu 3 B 12', postalCode: '02100', city: 'Espoo' };

/** Today in Finland as YYYY-MM-DD, and a day some days from it. */
const isoDay = (days = 0) => {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function newCustomer(api: APIRequestContext, tenant: Tenant, fields: Record<string, string> = maija): Promise<string> {
  const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: fields });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customerId: string): Promise<{ id: string; number: number }> {
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId, lines: [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return (await issued.json()) as { id: string; number: number };
}

async function recordRequest(api: APIRequestContext, tenant: Tenant, data: Record<string, unknown>): Promise<{ id: string; dueAt: string }> {
  const res = await api.post(`/api/t/${tenant.slug}/requests`, { data: { channel: 'email', ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; dueAt: string };
}

/**
 * The API takes no receipt date before the customer was registered, and a journey's customer is minutes old:
 * to test old requests, the customer is made to have been registered `days` ago, in the journey's own database.
 */
function registeredDaysAgo(tenant: Tenant, customerId: string, days: number): Promise<void> {
  return inTenantDatabase(tenant, async (db, schema) => {
    await db.query(`update ${schema}.customer set created_at = now() - make_interval(days => $2) where id = $1`, [customerId, days]);
  });
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const customerPath = (tenant: Tenant, id: string) => `/t/${tenant.slug}/customers/${id}`;
const after = (tenant: Tenant, path: string) => `/t/${tenant.slug}/login?next=${encodeURIComponent(path)}`;

test('staff record a consent and its withdrawal, see the history, invite the customer to the portal and register a request', async ({ page }) => {
  test.slow();
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  await api.dispose();

  await signIn(page, tenant, staff, after(tenant, customerPath(tenant, customerId)));
  await expect(page.getByRole('heading', { level: 1, name: 'Maija Meikäläinen' })).toBeVisible();
  // A purpose's card: the section inside the consents section whose heading names it.
  const card = (name: string) => page.locator('section section').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
  const email = card('Markkinointi sähköpostilla');
  const sms = card('Markkinointi tekstiviestillä');
  await expect(email.getByText('Ei lupaa', { exact: true })).toBeVisible();
  await expect(email.getByText('Lupaa ei ole koskaan annettu.')).toBeVisible();
  await expect(sms.getByText('Ei lupaa', { exact: true })).toBeVisible();
  await expect(page.getByText('Asiakas ei ole tehnyt tietosuojapyyntöjä.')).toBeVisible();
  await expectAccessible(page, 'the customer page with consents, requests and the portal');

  // Given on the customer's written request: holds from now, in the history with how it came.
  await email.getByRole('button', { name: 'Kirjaa lupa: Markkinointi sähköpostilla' }).click();
  await expect(email.getByText('Lupa on kirjattu (Markkinointi sähköpostilla).')).toBeVisible();
  await expect(email.getByText('Lupa voimassa', { exact: true })).toBeVisible();
  const history = email.getByRole('list');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history.getByRole('listitem').first()).toContainText(/lupa annettu, henkilökunta asiakkaan kirjallisesta pyynnöstä, tietosuojaselosteen versio \d+/);
  await expect(sms.getByText('Ei lupaa', { exact: true })).toBeVisible();

  // Withdrawn: the newest event first, the grant kept below it.
  await email.getByRole('button', { name: 'Peru lupa: Markkinointi sähköpostilla' }).click();
  await expect(email.getByText('Lupa on peruttu (Markkinointi sähköpostilla).')).toBeVisible();
  await expect(email.getByText('Ei lupaa', { exact: true })).toBeVisible();
  await expect(email.getByText(/^Ei lupaa peruttu \d+\.\d+\.\d{4}/)).toBeVisible();
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').nth(0)).toContainText('lupa peruttu, henkilökunta asiakkaan kirjallisesta pyynnöstä');
  await expect(history.getByRole('listitem').nth(1)).toContainText('lupa annettu');
  await expectAccessible(page, 'consents with a history');

  // A portal invitation: asked first, then confirmed with the address and how long the link works.
  await page.getByRole('button', { name: 'Lähetä kutsu portaaliin' }).click();
  await expect(page.getByText('Kutsu lähetetään osoitteeseen maija@example.fi.', { exact: false })).toBeVisible();
  await expectAccessible(page, 'the portal invitation, asked');
  await page.getByRole('button', { name: 'Lähetä kutsu', exact: true }).click();
  await expect(page.getByText('Kutsu on lähetetty')).toBeVisible();
  await expect(page.getByText(/^Kutsu lähti osoitteeseen maija@example\.fi\. Linkki on voimassa \d+\.\d+\.\d{4} asti\.$/)).toBeVisible();
  expect(await invitationLinkFromMail('maija@example.fi')).toMatch(/\/portal\/invitation#token=/);
  await expectAccessible(page, 'the portal invitation, sent');

  // A request that came by letter: a day in the future is refused in words, then today is taken.
  await page.getByRole('button', { name: 'Kirjaa uusi pyyntö' }).click();
  const form = page.getByRole('form', { name: 'Uusi tietosuojapyyntö' });
  await form.getByLabel('Pyynnön laji').selectOption('rectification');
  await form.getByLabel('Miten pyyntö saapui').selectOption('letter');
  await form.getByLabel('Saapumispäivä').fill(isoDay(1));
  await form.getByLabel('Mitä pyydetään').fill('Sukunimi on muuttunut: Virtanen');
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
  await expect(form.getByText('Saapumispäivä ei voi olla tulevaisuudessa.')).toBeVisible();
  await expect(form.getByLabel('Saapumispäivä')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the new request form with an error');
  await snapshot(page, 'rights-new-request');
  await form.getByLabel('Saapumispäivä').fill(isoDay());
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
  await expect(page.getByText(/^Tietojen oikaisu: pyyntö on kirjattu\. Siihen on vastattava viimeistään \d+\.\d+\.\d{4}\./)).toBeVisible();
  const requests = page.getByRole('table', { name: 'Tietosuojapyynnöt' });
  await expect(requests.getByRole('row')).toHaveCount(2);
  await expect(requests.getByRole('row').nth(1)).toContainText('Tietojen oikaisu');
  await expect(requests.getByRole('row').nth(1)).toContainText('Vastaanotettu');
  await expect(requests.getByRole('row').nth(1)).toContainText(/(2[89]|3[01]) päivää jäljellä/);
  await expectAccessible(page, 'the customer page with a request');
  await snapshot(page, 'rights-customer');
});

test('an erasure is refused while an invoice is unpaid, named with a link, and done once it is paid', async ({ page }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  const invoice = await issuedInvoice(api, tenant, customerId);
  await api.dispose();

  // Staff register the request that came by e-mail and verify the identity; an owner decides.
  await signIn(page, tenant, staff, after(tenant, customerPath(tenant, customerId)));
  await page.getByRole('button', { name: 'Kirjaa uusi pyyntö' }).click();
  const form = page.getByRole('form', { name: 'Uusi tietosuojapyyntö' });
  await form.getByLabel('Pyynnön laji').selectOption('erasure');
  await expect(form.getByText('Tiedot voi poistaa vasta, kun asiakkaan laskut on maksettu.', { exact: false })).toBeVisible();
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
  await page.getByRole('link', { name: 'Avaa pyyntö' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pyyntö: Tietojen poisto' })).toBeVisible();
  await expect(page.getByText('Pyynnön toteuttamisesta, hylkäämisestä ja määräajan jatkamisesta päättää omistaja.')).toBeVisible();
  await expectAccessible(page, 'a received request, seen by staff');
  // Free text is gone: a check of a kind from the list, against the register, with an optional note.
  await page.getByRole('button', { name: 'Kirjaa tarkistus' }).click();
  await expect(page.getByText('Valitse tarkistustapa.')).toBeVisible();
  await page.getByLabel('Tarkistustapa').selectOption('signed_letter_matching_register');
  await page.getByLabel('Lisätieto').fill('Allekirjoitus ja osoite täsmäävät');
  await page.getByRole('button', { name: 'Kirjaa tarkistus' }).click();
  await expect(page.getByText('Henkilöllisyys on merkitty tarkistetuksi.')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' })).toContainText('allekirjoitettu kirje, joka vastaa rekisterin tietoja');
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' })).toContainText('Tarkistuksen lisätietoAllekirjoitus ja osoite täsmäävät');
  const requestUrl = page.url();

  // The owner: the erasure is asked to be confirmed, then refused, naming the unpaid invoice with a link.
  await page.context().clearCookies();
  await signIn(page, tenant, owner, after(tenant, new URL(requestUrl).pathname));
  await page.getByRole('button', { name: 'Poista asiakkaan tiedot' }).click();
  await expect(page.getByText('Poistetaanko asiakkaan tiedot pysyvästi?')).toBeVisible();
  await expectAccessible(page, 'an erasure, asked to confirm');
  await page.getByRole('button', { name: 'Poista pysyvästi' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Tietoja ei voi vielä poistaa: asiakkaalla on maksamattomia laskuja' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Poisto onnistuu, kun nämä laskut on maksettu tai hyvitetty:');
  await expect(refusal.getByRole('listitem')).toHaveText([/^Lasku 1: avoinna 75,30\s€, eräpäivä \d+\.\d+\.\d{4}$/]);
  await expectAccessible(page, 'an erasure refused for an unpaid invoice');
  await snapshot(page, 'rights-erasure-refused');

  // The invoice, paid; back to the request, and the erasure goes through.
  await refusal.getByRole('link', { name: `Lasku ${invoice.number}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Lasku ${invoice.number}` })).toBeVisible();
  await page.getByRole('button', { name: 'Kirjaa maksu' }).click();
  await expect(page.getByText('Maksu 75,30 € on kirjattu.')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Pyyntö: Tietojen poisto' })).toBeVisible();
  await page.getByRole('button', { name: 'Poista asiakkaan tiedot' }).click();
  await page.getByRole('button', { name: 'Poista pysyvästi' }).click();
  await expect(page.getByText('Pyyntö on toteutettu.')).toBeFocused();
  const facts = page.getByRole('region', { name: 'Pyynnön tiedot' });
  await expect(facts).toContainText('TilaValmis');
  await expect(facts).toContainText('Asiakkaan tiedot on poistettu');
  await expect(page.getByRole('region', { name: 'Seuraava vaihe' })).toHaveCount(0);
  // The mails about it: the receipt and the decision to the person, the notice of its arrival to the owner and the staff member.
  const mails = page.getByRole('table', { name: 'Lähetetyt viestit' });
  await expect(mails.getByRole('row')).toHaveCount(4);
  await expect(mails.getByRole('row').nth(1)).toContainText('VastaanottokuittausPyynnön tekijä');
  await expect(mails.getByRole('row').nth(2)).toContainText('Ilmoitus uudesta pyynnöstäOmistajat ja henkilökunta (2)');
  await expect(mails.getByRole('row').nth(3)).toContainText('Päätös: käsiteltyPyynnön tekijä');
  await expect(mails).not.toContainText('@');
  await expectAccessible(page, 'a completed erasure');
  await snapshot(page, 'rights-request-mails');

  // The customer is gone.
  await page.goto(customerPath(tenant, customerId));
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakasta ei löytynyt' })).toBeVisible();
});

test('the inbox puts overdue and due-soon requests first; extend and reject with reasons (by keyboard); the export downloads', async ({ page }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant);
  await registeredDaysAgo(tenant, customerId, 60);
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const later = await recordRequest(api, tenant, { customerId, type: 'rectification' });
  const overdue = await recordRequest(api, tenant, { customerId, type: 'access', receivedAt: ago(40) });
  const soon = await recordRequest(api, tenant, { customerId, type: 'erasure', receivedAt: ago(27) });
  const served = await recordRequest(api, tenant, { customerId, type: 'access', receivedAt: ago(50) });
  await api.dispose();
  const ownerApi = await signedInApi(tenant, owner);
  expect((await ownerApi.post(`/api/t/${tenant.slug}/requests/${served.id}/verify`, { data: { method: 'id_document_in_person' } })).status()).toBe(200);
  expect((await ownerApi.post(`/api/t/${tenant.slug}/requests/${served.id}/complete`, { data: {} })).status()).toBe(200);
  await ownerApi.dispose();

  await signIn(page, tenant, owner);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tietosuojapyynnöt' })).toBeVisible();
  await expect(page.getByText('3 pyyntöä: myöhässä 1, viikon sisällä erääntyy 1.')).toBeVisible();
  const inbox = page.getByRole('table', { name: 'Tietosuojapyynnöt: Avoimet' });
  const rows = inbox.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText(/Tietojen tarkastus/);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('Tietojen tarkastusMaija Meikäläinen');
  await expect(rows.nth(1)).toContainText(/\d+ päivää myöhässä/);
  await expect(rows.nth(2)).toContainText(/Tietojen poisto/);
  await expect(rows.nth(2)).toContainText(/[1-6] päivää jäljellä|1 päivä jäljellä/);
  await expect(rows.nth(3)).toContainText(/Tietojen oikaisu/);
  await expect(rows.nth(3)).toContainText(/(2[89]|3[01]) päivää jäljellä/);
  await expectAccessible(page, 'the requests inbox');
  await snapshot(page, 'rights-inbox');

  // At 320 px (400 % zoom) the deadline, the request and whose it is stay; the rest steps aside.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(rows.nth(1).getByRole('link', { name: 'Tietojen tarkastus' })).toBeVisible();
  await expect(rows.nth(1).getByText(/\d+ päivää myöhässä/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'the requests inbox at 320 px');
  await snapshot(page, 'rights-inbox-320');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Views in the URL: overdue only, then the completed ones.
  await page.getByLabel('Näytä').selectOption('overdue');
  await expect(page).toHaveURL(/\?show=overdue$/);
  await expect(page.getByRole('table', { name: 'Tietosuojapyynnöt: Myöhässä' }).getByRole('row')).toHaveCount(2);
  await page.getByLabel('Näytä').selectOption('completed');
  const done = page.getByRole('table', { name: 'Tietosuojapyynnöt: Valmiit' });
  await expect(done.getByRole('row')).toHaveCount(2);
  await expect(done.getByRole('row').nth(1)).toContainText('Valmis');
  await expectAccessible(page, 'the inbox, completed requests');

  // The export of the completed access request downloads as a file.
  await done.getByRole('link', { name: 'Tietojen tarkastus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pyyntö: Tietojen tarkastus' })).toBeVisible();
  await expectAccessible(page, 'a completed access request');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lataa tiedot (JSON)' }).click()]);
  expect(download.suggestedFilename()).toBe(`export-${customerId}.json`);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported).toContain('maija@example.fi');
  expect(JSON.parse(exported)).toBeTruthy();

  // The overdue one cannot be extended any more: it must be answered.
  await page.goto(`/t/${tenant.slug}/requests/${overdue.id}`);
  await expect(page.getByText(/\d+ päivää myöhässä/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' }).getByRole('link', { name: 'Maija Meikäläinen' })).toBeVisible();
  await expect(page.getByText('Määräaika on jo mennyt, joten sitä ei voi enää jatkaa. Vastaa pyyntöön heti.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jatka määräaikaa' })).toHaveCount(0);

  // The new one: extended once with a reason (an empty reason is refused in words); not a second time.
  await page.goto(`/t/${tenant.slug}/requests/${later.id}`);
  await page.getByRole('button', { name: 'Jatka määräaikaa' }).click();
  await page.getByRole('button', { name: 'Jatka kahdella kuukaudella' }).click();
  await expect(page.getByText('Kirjoita syy (vähintään kolme merkkiä).')).toBeVisible();
  await expectAccessible(page, 'extending without a reason');
  await page.getByLabel('Jatkamisen syy').fill('Tiedot on haettava arkistosta');
  await page.getByRole('button', { name: 'Jatka kahdella kuukaudella' }).click();
  await expect(page.getByText('Määräaikaa on jatkettu.')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' })).toContainText('Syy: Tiedot on haettava arkistosta');
  await expect(page.getByText(/\d+ päivää jäljellä/).first()).toBeVisible();
  await expect(page.getByText('Määräaikaa on jo jatkettu kerran; sitä ei voi jatkaa uudelleen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Jatka määräaikaa' })).toHaveCount(0);
  await expectAccessible(page, 'an extended request');
  await snapshot(page, 'rights-request');

  // Served already this year: the overdue access request goes to the owner's decision (serve, fee or refuse),
  // once the identity is checked; served free, with the reason sent to the person.
  await page.goto(`/t/${tenant.slug}/requests/${overdue.id}`);
  await expect(page.getByText('Maksuttomat jäljennökset on käytetty')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Merkitse toteutetuksi' })).toHaveCount(0);
  await page.getByLabel('Tarkistustapa').selectOption('id_document_in_person');
  await page.getByRole('button', { name: 'Kirjaa tarkistus' }).click();
  await expect(page.getByText('Henkilöllisyys on merkitty tarkistetuksi.')).toBeFocused();
  await page.getByRole('button', { name: 'Tee päätös' }).click();
  await expect(page.getByText('Valitse päätös.')).toBeVisible();
  await expect(page.getByText('Kirjoita syy (vähintään kolme merkkiä).')).toBeVisible();
  await expectAccessible(page, 'an access request beyond the free copies');
  await page.getByRole('combobox', { name: 'Päätös', exact: true }).selectOption('serve');
  await page.getByLabel('Perustelu asiakkaalle').fill('Osoite vaihtui edellisen tarkastuksen jälkeen');
  await page.getByRole('button', { name: 'Tee päätös' }).click();
  await expect(page.getByText('Päätös on tehty ja lähetetty asiakkaalle.')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' })).toContainText('Päätöksen perusteluOsoite vaihtui edellisen tarkastuksen jälkeen');
  await expect(page.getByRole('region', { name: 'Pyynnön tiedot' })).toContainText('Toteuta maksutta');
  await expect(page.getByRole('link', { name: 'Lataa luettava versio (HTML)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lataa tiedot (CSV)' })).toBeVisible();

  // The due-soon one, rejected with a reason, by keyboard alone.
  await page.goto(`/t/${tenant.slug}/requests/${soon.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pyyntö: Tietojen poisto' })).toBeVisible();
  const kb = page.keyboard;
  await tabTo(page, page.getByRole('button', { name: 'Hylkää pyyntö' }));
  await kb.press('Enter');
  await expect(page.getByLabel('Hylkäyksen syy')).toBeFocused();
  await kb.type('Henkilöllisyyttä ei voitu varmistaa');
  await tabTo(page, page.getByRole('button', { name: 'Hylkää', exact: true }));
  await kb.press('Enter');
  await expect(page.getByText('Pyyntö on hylätty.')).toBeFocused();
  const facts = page.getByRole('region', { name: 'Pyynnön tiedot' });
  await expect(facts).toContainText('TilaHylätty');
  await expect(facts).toContainText('Hylkäyksen syyHenkilöllisyyttä ei voitu varmistaa');
  await expectAccessible(page, 'a rejected request');
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await snapshot(page, 'rights-request-320');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Back in the inbox: two open, the extended one no longer overdue.
  await tabTo(page, page.getByRole('link', { name: '← Kaikki pyynnöt' }), 60);
  await kb.press('Enter');
  await expect(page.getByText('1 pyyntö: myöhässä 0, viikon sisällä erääntyy 0.')).toBeVisible();
  expect(later.dueAt > overdue.dueAt).toBe(true);
});
