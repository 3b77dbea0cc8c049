// Consent in the console and the portal follows the register settings and keeps its proof: a channel the settings
// do not list cannot be given; the history shows the wording, who recorded it and the written evidence; after an
// objection a click is not enough (the evidence is described first); and a change of purposes asks the customer
// to give consent again in the portal. Each from a fresh tenant, axe on every state.
import { type APIRequestContext } from '@playwright/test';
import { customerJoinsPortal, expect, expectAccessible, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

async function editSettings(api: APIRequestContext, tenant: Tenant, changes: Record<string, unknown>): Promise<void> {
  const current = (await (await api.get(`/api/t/${tenant.slug}/register`)).json()) as { version: number; purposes: { fi: string; en: string } };
  const body = typeof changes.purposes === 'function' ? { ...changes, purposes: (changes.purposes as (p: typeof current.purposes) => unknown)(current.purposes) } : changes;
  const res = await api.put(`/api/t/${tenant.slug}/register`, { data: { version: current.version, ...body } });
  expect(res.status(), await res.text()).toBe(200);
}

async function newCustomer(api: APIRequestContext, tenant: Tenant, email: string): Promise<string> {
  const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Veera', billingLastName: 'Virtanen', email, phone: '040 765 4321' } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test('staff see the channels the settings offer, the proof of each consent, and record one after an objection only with its evidence', async ({ page }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const ownerApi = await signedInApi(tenant, owner);
  await editSettings(ownerApi, tenant, { marketingChannels: ['email'] });
  const customerId = await newCustomer(ownerApi, tenant, `veera.${Date.now().toString(36)}@asiakas.test`);
  await ownerApi.dispose();

  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/customers/${customerId}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Veera Virtanen' })).toBeVisible();
  const card = (name: string) => page.locator('section section').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
  const email = card('Markkinointi sähköpostilla');
  const sms = card('Markkinointi tekstiviestillä');
  await expect(sms.getByText('Rekisterin asetuksissa tätä kanavaa ei ole valittu markkinointiin')).toBeVisible();
  await expect(sms.getByRole('button')).toHaveCount(0);

  // Given on the customer's written request: the history says by whom and with which words.
  await email.getByRole('button', { name: 'Kirjaa lupa: Markkinointi sähköpostilla' }).click();
  await expect(email.getByText('Lupa voimassa', { exact: true })).toBeVisible();
  const first = email.getByRole('list').getByRole('listitem').first();
  await expect(first).toContainText('(kirjasi Tiina Työntekijä)');
  await expect(first).toContainText(`${tenant.legalName} saa lähettää minulle tarjouksia, uutiskirjeitä ja muuta markkinointia sähköpostilla.`);
  await expectAccessible(page, 'consents with their proof and an unlisted channel');

  // The customer objects by letter: consent withdrawn, and a click can no longer give it.
  const staffApi = await signedInApi(tenant, staff);
  const objection = await staffApi.post(`/api/t/${tenant.slug}/requests`, { data: { customerId, type: 'objection', channel: 'letter' } });
  expect(objection.status(), await objection.text()).toBe(201);
  await staffApi.dispose();
  await page.reload();
  await expect(email.getByText('Asiakas on vastustanut suoramarkkinointia.')).toBeVisible();
  await expect(email.getByRole('button', { name: 'Kirjaa lupa: Markkinointi sähköpostilla' })).toHaveCount(0);
  const evidence = email.getByRole('textbox', { name: 'Todiste asiakkaan kirjallisesta luvasta' });
  await email.getByRole('button', { name: 'Kirjaa kirjallinen lupa: Markkinointi sähköpostilla' }).click();
  await expect(evidence).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'an objection: the written consent asked for with its evidence');
  await snapshot(page, 'consent-objection-evidence');

  await evidence.fill('Allekirjoitettu lupalomake 2.12.2026, asiakaskansiossa');
  await email.getByRole('button', { name: 'Kirjaa kirjallinen lupa: Markkinointi sähköpostilla' }).click();
  await expect(email.getByText('Lupa voimassa', { exact: true })).toBeVisible();
  await expect(email.getByRole('list').getByRole('listitem').first()).toContainText('Todiste: Allekirjoitettu lupalomake 2.12.2026, asiakaskansiossa');
  await expectAccessible(page, 'a written consent recorded after an objection');

  // 320 px: the card's texts wrap.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await snapshot(page, 'consent-proof-320');
});

test('a customer is asked to give consent again in the portal when the purposes change, and sees only the channels offered', async ({ page }) => {
  test.slow();
  const { tenant, owner } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const address = `riku.${Date.now().toString(36)}@asiakas.test`;
  const customerId = await newCustomer(api, tenant, address);
  expect((await api.put(`/api/t/${tenant.slug}/customers/${customerId}/consents/marketing_email`, { data: { granted: true } })).status()).toBe(200);
  expect((await api.post(`/api/t/${tenant.slug}/customers/${customerId}/portal-invitation`)).status()).toBe(201);
  await editSettings(api, tenant, { marketingChannels: ['email'], purposes: (p: { fi: string; en: string }) => ({ fi: `${p.fi} Tietoja käytetään myös asiakaskyselyihin.`, en: `${p.en} The data is also used for customer surveys.` }) });
  await api.dispose();

  const password = 'rikun oma salalause 2026';
  await customerJoinsPortal(page, tenant, address, password);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Markkinointi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Markkinointi' })).toBeVisible();

  await expect(page.getByRole('switch', { name: 'Tekstiviestimarkkinointi sallittu' })).toHaveCount(0);
  await expect(page.getByText('Rekisterin käyttötarkoitukset ovat muuttuneet sen jälkeen, kun annoit tämän luvan.')).toBeVisible();
  await expectAccessible(page, 'the marketing page asking for renewal');
  await snapshot(page, 'portal-consent-renewal');
  await page.getByRole('button', { name: 'Anna lupa uudelleen: Sähköpostimarkkinointi' }).click();
  await expect(page.getByRole('status').getByText('Sähköpostimarkkinointi: lupa annettu.')).toBeVisible();
  await expect(page.getByText('Rekisterin käyttötarkoitukset ovat muuttuneet')).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Sähköpostimarkkinointi sallittu' })).toBeChecked();
  await expectAccessible(page, 'the marketing page after renewal');
});
