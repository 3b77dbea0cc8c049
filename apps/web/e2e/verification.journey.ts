// Identity verification of a written request (GDPR Art. 12(6)): staff register a request that came by letter and
// send a one-time code to the address on record; the person gets the mail (the .eml the app wrote), enters the
// code on the public page /t/:tenant/verify (a wrong one first); the request shows as verified by the code and
// the owner completes it. Axe on the new page, also at 320 px.
import { type APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, fromMail, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

async function newCustomer(api: APIRequestContext, tenant: Tenant, email: string): Promise<string> {
  const res = await api.post(`/api/t/${tenant.slug}/customers`, {
    data: { billingFirstName: 'Veera', billingLastName: 'Varmistaja', email, streetAddress: 'Kauppakatu 3 B 12', postalCode: '02100', city: 'Espoo' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const after = (tenant: Tenant, path: string) => `/t/${tenant.slug}/login?next=${encodeURIComponent(path)}`;

test('a letter is verified by a code the person enters on the public page, then the owner completes it', async ({ page }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const email = `veera.${tenant.slug}@example.fi`;
  const api = await signedInApi(tenant, staff);
  const customerId = await newCustomer(api, tenant, email);
  await api.dispose();

  // Staff register the letter and send a code to the address on record.
  await signIn(page, tenant, staff, after(tenant, `/t/${tenant.slug}/customers/${customerId}`));
  await page.getByRole('button', { name: 'Kirjaa uusi pyyntö' }).click();
  const form = page.getByRole('form', { name: 'Uusi tietosuojapyyntö' });
  await form.getByLabel('Pyynnön laji').selectOption('access');
  await form.getByLabel('Miten pyyntö saapui').selectOption('letter');
  await form.getByRole('button', { name: 'Kirjaa pyyntö' }).click();
  await page.getByRole('link', { name: 'Avaa pyyntö' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pyyntö: Tietojen tarkastus' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Henkilöllisyyden varmistus' })).toBeVisible();
  await expectAccessible(page, 'a received letter, to be verified');
  await page.getByRole('button', { name: 'Lähetä koodi' }).click();
  await expect(page.getByText(/^Koodi lähetettiin osoitteeseen v•••@example\.fi, ja se on voimassa klo \d{1,2}\.\d{2} asti\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lähetä uusi koodi' })).toBeVisible();
  await expectAccessible(page, 'a code sent');
  await snapshot(page, 'verification-code-sent');
  const requestPath = new URL(page.url()).pathname;

  // The person's mail: in Finnish, the code and the page's address.
  const [, code] = await fromMail(email, /Vahvistuskoodisi: (\d{8})/, 'the verification code');
  const [verifyUrl] = await fromMail(email, /https?:\/\/\S+\/t\/[a-z0-9-]+\/verify/, 'the verification page link');
  expect(new URL(verifyUrl).pathname).toBe(`/t/${tenant.slug}/verify`);

  // The person, not signed in anywhere: the page asks for the address and the code.
  await page.context().clearCookies();
  await page.goto(`/t/${tenant.slug}/verify`);
  await expect(page.getByRole('heading', { level: 1, name: 'Vahvista pyyntösi' })).toBeVisible();
  await expectAccessible(page, 'the verification page');
  await page.getByRole('button', { name: 'Vahvista pyyntö' }).click();
  await expect(page.getByText('Anna sähköpostiosoite, johon koodi tuli.')).toBeVisible();
  await expect(page.getByText('Anna koodin 8 numeroa.')).toBeVisible();
  await expectAccessible(page, 'the verification page with errors');
  await page.getByLabel('Sähköpostiosoite').fill(email);
  await page.getByLabel('Vahvistuskoodi').fill(code === '00000000' ? '11111111' : '00000000');
  await page.getByRole('button', { name: 'Vahvista pyyntö' }).click();
  await expect(page.getByText(/^Koodi ei kelpaa: se on väärä, jo käytetty tai vanhentunut/)).toBeVisible();
  await expectAccessible(page, 'a wrong code');
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await snapshot(page, 'verification-page-320');
  await page.getByLabel('Vahvistuskoodi').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await page.getByRole('button', { name: 'Vahvista pyyntö' }).click();
  await expect(page.getByRole('heading', { name: 'Kiitos, pyyntösi on vahvistettu' })).toBeFocused();
  await expectAccessible(page, 'a request verified');
  await snapshot(page, 'verification-done-320');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The owner sees how it was verified, and completes it; the export offers CSV too.
  await signIn(page, tenant, owner, after(tenant, requestPath));
  const facts = page.getByRole('region', { name: 'Pyynnön tiedot' });
  await expect(facts).toContainText('koodi rekisterissä olevaan sähköpostiosoitteeseen');
  await expect(page.getByRole('button', { name: 'Lähetä koodi' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Merkitse toteutetuksi' }).click();
  await expect(page.getByText('Pyyntö on toteutettu.')).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lataa tiedot (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`export-${customerId}.csv`);
  await expectAccessible(page, 'a completed request verified by code');
});
