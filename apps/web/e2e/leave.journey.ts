// Leaving the platform (issue 14 item 12): the owner downloads the whole register from the settings page's
// danger zone, asks to leave by typing the business's name (a wrong name keeps the button off), sees the date
// the register will be deleted while staff see a banner, and cancels.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, expectAccessible, fromMail, signIn, snapshot, tenantWithStaff, test } from './fixtures';

/** The entries of a ZIP, read by another library than the one that wrote it. */
function unzip(archive: Buffer): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(archive)).map(([name, bytes]) => [name, Buffer.from(bytes)]));
}

test('the owner downloads the whole register, asks to leave, and cancels', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { tenant, owner, staff } = await tenantWithStaff();
  await signIn(page, tenant, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await page.goto(`/t/${tenant.slug}/settings`);
  const zone = page.getByRole('region', { name: 'Poistu palvelusta' });
  await expect(zone.getByRole('heading', { level: 3, name: 'Pyydä poistumista' })).toBeVisible();
  await zone.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'the settings page with the danger zone');
  await snapshot(page, 'leave-zone');

  // The whole register as one ZIP: every table as JSON and CSV, and the manifest.
  const [download] = await Promise.all([page.waitForEvent('download'), zone.getByRole('link', { name: 'Lataa rekisteri (ZIP)' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${tenant.slug}-register-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const files = unzip(readFileSync((await download.path())!));
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { tables: { name: string; rows: number }[] };
  expect(manifest.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customer', 'invoice', 'staff_user', 'audit_event']));
  expect(files.has('tables/customer.csv') && files.has('tables/customer.json')).toBe(true);
  expect(manifest.tables.find((t) => t.name === 'staff_user')!.rows).toBe(2);

  // The button stays off until the name is typed; then the request, with its date.
  const confirm = zone.getByRole('textbox', { name: `Vahvista kirjoittamalla yrityksen nimi: ${tenant.legalName}` });
  const ask = zone.getByRole('button', { name: 'Pyydä poistumista palvelusta' });
  await confirm.fill('Joku muu Oy');
  await expect(ask).toBeDisabled();
  await confirm.fill(tenant.legalName);
  await zone.getByRole('textbox', { name: 'Syy (vapaaehtoinen)' }).fill('Lopetamme toiminnan');
  await ask.click();
  const requested = zone.getByText(/^Rekisteri poistetaan \d{1,2}\.\d{1,2}\.\d{4} jälkeen$/);
  await expect(requested).toBeVisible();
  await expect(zone.getByText(/Poistumista pyysi Olli Omistaja/)).toBeVisible();
  await expectAccessible(page, 'the danger zone with leaving requested');
  await snapshot(page, 'leave-requested');
  await fromMail(owner.email, /Rekisteri poistetaan (\S+) jälkeen/, 'the leaving notice');

  // Staff see the banner; the register works as before.
  const staffPage = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' })).newPage();
  await signIn(staffPage, tenant, staff);
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expect(staffPage.getByText(/^Yritys on pyytänyt poistumista palvelusta: rekisteri poistetaan \d{1,2}\.\d{1,2}\.\d{4} jälkeen\.$/)).toBeVisible();
  await expectAccessible(staffPage, 'the customers page with the leaving banner');
  await snapshot(staffPage, 'leave-banner');

  // The owner changes their mind.
  await zone.getByRole('button', { name: 'Peru poistuminen' }).click();
  await expect(ask).toBeVisible();
  await expect(requested).toHaveCount(0);
  await fromMail(owner.email, /(has been cancelled for)/, 'the cancellation notice');
  await staffPage.reload();
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expect(staffPage.getByText(/Yritys on pyytänyt poistumista/)).toHaveCount(0);
});
