// An incident goes from record to approval to notification (issue 16; issue 14 item 9): a platform admin records
// a breach that concerns a business, informs its controller, selects one of its two customers and sends the
// drafted notice for the owner's approval; nothing reaches a customer before the owner approves the text and the
// recipient in the business console; then the admin sends it, the selected customer's .eml arrives and the other
// customer's does not, and delivery shows per customer on both sides. Axe on every new page, in Finnish.
import type { Locator, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectAccessible, onboardTenant, signedInApi, signIn, snapshot, test } from './fixtures';
import { tenantWithOwner } from './platform';

/** The e-mails the app wrote to `to` under DATA_DIR/mail that are notices of `incidentTitle`'s incident. */
function incidentMailsTo(to: string): string[] {
  const dir = join(process.env.E2E_DATA_DIR!, 'mail');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, ''))
    .filter((mail) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(mail) && /^X-Rekisteri-Notice: /mi.test(mail));
}

async function tick(page: Page, checkbox: Locator): Promise<void> {
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
}

/** A minute (now, or `minutesAgo` before) as a datetime-local value, in the browser's zone (the config's Europe/Helsinki). */
function thisMinute(minutesAgo = 0): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() - minutesAgo * 60_000));
  return parts.replace(' ', 'T');
}

test('an incident goes from record to approval to notification', async ({ page, browser }) => {
  test.setTimeout(540_000);
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  const api = await signedInApi(tenant, owner);
  const customer = async (contactName: string, email: string) => {
    const res = await api.post(`/api/t/${tenant.slug}/customers`, { data: { contactName, email } });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const selectedEmail = `valittu@${tenant.slug}.test`;
  const otherEmail = `muu@${tenant.slug}.test`;
  const selected = await customer('Valittu Asiakas', selectedEmail);
  await customer('Muu Asiakas', otherEmail);
  await api.dispose();

  // The admin records the breach.
  await page.goto('/platform/login');
  await page.getByLabel('Sähköposti').fill(process.env.E2E_ADMIN_EMAIL!);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(process.env.E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await page.getByRole('link', { name: 'Tietoturvaloukkaukset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tietoturvaloukkaukset' })).toBeVisible();
  await expectAccessible(page, 'platform incidents');
  await page.getByRole('link', { name: 'Kirjaa tietoturvaloukkaus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaa tietoturvaloukkaus' })).toBeVisible();
  const title = `Varmuuskopio näkyvissä ${tenant.slug.slice(6)}`;
  await page.getByRole('textbox', { name: 'Otsikko' }).fill(title);
  await page.getByRole('textbox', { name: 'Mitä tapahtui (suomeksi)' }).fill('Asiakasrekisterin varmuuskopio oli hetken luettavissa ilman tunnistautumista.');
  await page.getByRole('textbox', { name: 'Mitä tapahtui (englanniksi)' }).fill('A backup of the customer register could be read without signing in for a while.');
  await page.getByLabel(/^Tapahtui/).fill(thisMinute());
  // Discovered before it happened: the API refuses, and the form says why beside the field, in Finnish.
  await page.getByLabel(/^Havaittiin/).fill(thisMinute(60));
  await tick(page, page.getByRole('checkbox', { name: `${tenant.legalName} (${tenant.slug})` }));
  await tick(page, page.getByRole('checkbox', { name: 'sähköpostiosoite' }));
  await page.getByRole('button', { name: 'Kirjaa', exact: true }).click();
  await expect(page.getByText('Tarkista aika: tapahtuma ei voi olla havaitsemisen jälkeen', { exact: false })).toBeVisible();
  await expect(page.getByText(/occurredAt/)).toHaveCount(0);
  await page.getByLabel(/^Havaittiin/).fill(thisMinute());
  await expectAccessible(page, 'record an incident');
  await snapshot(page, 'platform-incident-new');
  await page.getByRole('button', { name: 'Kirjaa', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The controller's 72-hour clock, in words; informing it stops the clock.
  const controllers = page.getByRole('region', { name: 'Rekisterinpitäjät' });
  await expect(controllers).toContainText(/Ilmoitettava viimeistään .* \(aikaa noin 72 tuntia\)/);
  await page.getByRole('button', { name: 'Ilmoita rekisterinpitäjille' }).click();
  await expect(async () => {
    await page.reload();
    await expect(controllers).toContainText(/Ilmoitettu .*, määräajassa\./, { timeout: 10_000 });
  }).toPass({ timeout: 120_000 });

  // One of the two customers is selected; the drafted notice goes for the owner's approval.
  await page.getByRole('button', { name: `Laadi ilmoitus: ${tenant.legalName}` }).click();
  await page.locator('label', { hasText: 'Luettelo' }).click();
  await expect(page.getByRole('radio', { name: 'Luettelo' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Asiakkaiden tunnisteet' }).fill(selected);
  await page.getByRole('button', { name: 'Laadi luonnos' }).click();
  const notices = page.getByRole('region', { name: `Ilmoitukset asiakkaille: ${tenant.legalName}` });
  const notice = notices.getByRole('article', { name: /^Ilmoitus/ });
  await expect(notice).toContainText('Luonnos');
  await expect(notice).toContainText('1 asiakas, 0 ilman sähköpostiosoitetta');
  await expectAccessible(page, 'incident with a draft');
  await notice.getByRole('button', { name: 'Lähetä omistajan hyväksyttäväksi' }).click();
  await expect(notice).toContainText('Odottaa omistajan hyväksyntää');
  await expect(notice).toContainText('1 vastaanottaja (lukittu hyväksyttäväksi)');
  await expect(notice.getByRole('button', { name: 'Lähetä asiakkaille' })).toHaveCount(0);
  await snapshot(page, 'platform-incident-pending');
  expect(incidentMailsTo(selectedEmail)).toHaveLength(0);

  // The owner reads the text and the recipient, and approves.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, tenant, owner);
  await expect(ownerPage).not.toHaveURL(/\/login/);
  await ownerPage.goto(`/t/${tenant.slug}/incidents`);
  await ownerPage.getByRole('link', { name: 'Tarkista ja hyväksy: Ilmoitus asiakkaille, 1 vastaanottaja' }).click();
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Ilmoitus asiakkaille' })).toBeVisible();
  await expect(ownerPage.getByRole('region', { name: /Teksti, jonka asiakkaasi saavat/ })).toContainText('Asiakasrekisterin varmuuskopio oli hetken luettavissa');
  const recipients = ownerPage.getByRole('table', { name: 'Vastaanottajat' });
  await expect(recipients.getByRole('row')).toHaveCount(2);
  await expect(recipients).toContainText('Valittu Asiakas');
  await expect(recipients).toContainText(selectedEmail);
  await expect(recipients).not.toContainText(otherEmail);
  await expectAccessible(ownerPage, 'the owner approves a notice');
  await snapshot(ownerPage, 'owner-notice-approval');
  await ownerPage.getByRole('button', { name: 'Hyväksy teksti ja 1 vastaanottaja' }).click();
  await expect(ownerPage.getByText('Hyväksyit ilmoituksen.')).toBeVisible();
  await expect(ownerPage.getByText('Hyväksytty, odottaa lähetystä')).toBeVisible();

  // Only now can the admin send it: the selected customer's mail arrives, the other's does not.
  await page.reload();
  await expect(notice).toContainText('Hyväksytty');
  await notice.getByRole('button', { name: 'Lähetä asiakkaille' }).click();
  await expect(notice).toContainText('Lähetetty');
  await expect.poll(() => incidentMailsTo(selectedEmail).length, { timeout: 30_000 }).toBe(1);
  expect(incidentMailsTo(selectedEmail)[0]).toContain('Asiakasrekisterin varmuuskopio oli hetken luettavissa');
  expect(incidentMailsTo(otherEmail)).toHaveLength(0);
  await expect(async () => {
    await page.reload();
    const deliveries = notice.getByRole('table', { name: /Toimitus asiakkaittain: 1\/1 toimitettu/ });
    await expect(deliveries.getByRole('row').nth(1)).toContainText(selected, { timeout: 10_000 });
    await expect(deliveries.getByRole('row').nth(1)).toContainText('Lähetetty', { timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'Tapahtumat' })).toContainText('hyväksyi ilmoituksen');
  await expectAccessible(page, 'incident with a sent notice');
  await snapshot(page, 'platform-incident-sent');

  // The owner sees the delivery too.
  await ownerPage.reload();
  await expect(ownerPage.getByRole('table', { name: 'Vastaanottajat' })).toContainText('Lähetetty');
  await ownerContext.close();
});
