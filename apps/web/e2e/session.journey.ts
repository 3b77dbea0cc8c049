// The session in the console: ending the other sessions from the account menu, and the idle-timeout warning.
// The warning is driven by the page's clock (Playwright's page.clock) rather than a short timeout for the whole
// app, so other journeys keep the real 30 minutes: the browser's clock jumps ahead, and the server's answer to
// "when does my session end" is read with its `now` moved by the same jump, as if that time had really passed.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test('the account menu signs the user out on their other devices and says how many', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const phone = await signedInApi(tenant, staff);
  const tablet = await signedInApi(tenant, staff);
  await signIn(page, tenant, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();

  await page.getByRole('button', { name: /Tiina Työntekijä/ }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Kirjaudu ulos muilta laitteilta' })).toBeVisible();
  await expectAccessible(page, 'the account menu, open');
  await snapshot(page, 'account-menu');
  await menu.getByRole('menuitem', { name: 'Kirjaudu ulos muilta laitteilta' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kirjauduit ulos 2 muulta laitteelta.' })).toBeVisible();
  await expectAccessible(page, 'the other sessions ended');
  expect((await phone.get(`/api/t/${tenant.slug}/me`)).status()).toBe(401);
  expect((await tablet.get(`/api/t/${tenant.slug}/me`)).status()).toBe(401);
  // This session goes on.
  await page.getByRole('link', { name: 'Uusi asiakas' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi asiakas' })).toBeVisible();
  await phone.dispose();
  await tablet.dispose();
});

/**
 * Moves the page's clock ahead, and the server's answers about the session with it: its `now` by the whole jump,
 * its idle end by the jump as it stood at the last renewal ("stay signed in"), as if that time had really passed.
 */
async function withServerClock(page: Page): Promise<(ms: number) => Promise<void>> {
  let ahead = 0;
  let aheadAtRenewal = 0;
  const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  await page.route(/\/api\/t\/[^/]+\/sessions\/current(\/extend)?$/, async (route) => {
    const response = await route.fetch();
    if (response.status() !== 200) return route.fulfill({ response });
    if (route.request().method() === 'POST') aheadAtRenewal = ahead;
    const status = (await response.json()) as { now: string; idleExpiresAt: string; absoluteExpiresAt: string };
    const idle = shift(status.idleExpiresAt, aheadAtRenewal);
    const expiresAt = Date.parse(idle) < Date.parse(status.absoluteExpiresAt) ? idle : status.absoluteExpiresAt;
    await route.fulfill({ response, json: { ...status, now: shift(status.now, ahead), idleExpiresAt: idle, expiresAt } });
  });
  return async (ms: number) => {
    ahead += ms;
    await page.clock.fastForward(ms);
  };
}

test('before the idle timeout a dialog warns; staying signed in renews the session, and a lapsed one leads back after signing in', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  const customer = (await (await api.post(`/api/t/${tenant.slug}/customers`, { data: { contactName: 'Ilona Istunto' } })).json()) as { id: string };
  await api.dispose();
  await page.clock.install();
  const advance = await withServerClock(page);
  await signIn(page, tenant, staff, `/t/${tenant.slug}/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ilona Istunto' })).toBeVisible();
  const before = (await (await page.request.get(`/api/t/${tenant.slug}/sessions/current`)).json()) as { idleExpiresAt: string };

  // 27 minutes of nothing: no warning yet.
  await advance(27 * 60_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Two minutes before the end, the warning: a modal alert dialog with the focus on "stay signed in".
  await advance(61_000);
  const dialog = page.getByRole('alertdialog', { name: 'Istuntosi on päättymässä' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Istunto päättyy kello');
  await expect(dialog.getByRole('button', { name: 'Pysy kirjautuneena' })).toBeFocused();
  await expectAccessible(page, 'the idle-timeout warning');
  await snapshot(page, 'idle-warning');
  // The focus stays inside the dialog.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  // Staying signed in renews the session on the server.
  await dialog.getByRole('button', { name: 'Pysy kirjautuneena' }).click();
  await expect(dialog).toHaveCount(0);
  const renewed = (await (await page.request.get(`/api/t/${tenant.slug}/sessions/current`)).json()) as { idleExpiresAt: string };
  expect(Date.parse(renewed.idleExpiresAt)).toBeGreaterThan(Date.parse(before.idleExpiresAt));

  // Idle again: the warning comes back two minutes before the new end, and at the end the session is gone.
  await advance(28 * 60_000 + 1_000);
  await expect(dialog).toBeVisible();
  await advance(2 * 60_000);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?next=.*reason=expired`));
  await expect(page.getByText('Istuntosi päättyi.', { exact: false })).toBeVisible();
  await expectAccessible(page, 'sign-in after the idle timeout');
  // Signing in starts a new session, whose times the server gives as they are: the simulation ends here.
  await page.unrouteAll();
  await page.getByLabel('Sähköposti').fill(staff.email);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/customers/${customer.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Ilona Istunto' })).toBeVisible();
});

test('the warning can sign the user out instead', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  await page.clock.install();
  const advance = await withServerClock(page);
  await signIn(page, tenant, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await advance(28 * 60_000 + 1_000);
  const dialog = page.getByRole('alertdialog', { name: 'Istuntosi on päättymässä' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?reason=signed-out`));
  await page.goto(`/t/${tenant.slug}/customers`);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login\\?next=`));
});
