// At 320 px wide (a phone, or 400 % zoom of a 1280 px window) the main pages fit without sideways scrolling.
import { type Page } from '@playwright/test';
import { expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test.use({ viewport: { width: 320, height: 720 } });

async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(320);
}

test('the sign-in, customers, customer and new customer pages work at 320 px', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const created = await api.post(`/api/t/${tenant.slug}/customers`, {
    data: { companyName: 'Pitkänimisen Hyvinvointipalvelukeskuksen Osakeyhtiö', businessId: '2832233-5', email: 'hyvin.pitka.osoite.joka.ei.mahdu@esimerkkiyritys.fi', city: 'Kirkkonummi' },
  });
  const customer = (await created.json()) as { id: string };
  await api.dispose();

  await page.goto(`/t/${tenant.slug}/login`);
  await expectNoSidewaysScroll(page, 'the sign-in page');
  await expectAccessible(page, 'the sign-in page at 320 px');
  await signIn(page, tenant, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the customers page');
  await expectAccessible(page, 'the customers page at 320 px');
  await snapshot(page, 'customers-320');

  await page.getByRole('link', { name: 'Pitkänimisen Hyvinvointipalvelukeskuksen Osakeyhtiö' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pitkänimisen Hyvinvointipalvelukeskuksen Osakeyhtiö');
  await expectNoSidewaysScroll(page, 'the customer page');
  await expectAccessible(page, 'the customer page at 320 px');
  await snapshot(page, 'customer-320');

  await page.goto(`/t/${tenant.slug}/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await expectNoSidewaysScroll(page, 'the customer form');

  await page.goto(`/t/${tenant.slug}/customers/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi asiakas' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the new customer page');
  await expectAccessible(page, 'the new customer page at 320 px');
});
