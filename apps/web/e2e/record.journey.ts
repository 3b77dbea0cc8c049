// The owner edits the register settings and watches the statement preview change before saving (a recipient
// added, a retention period changed, a cookie text that contradicts the settings warned about), saves, and opens
// the record of processing activities (GDPR Art. 30(1)) generated from the same settings: the change is there,
// the earlier version's record is still the earlier one, English too, and it prints as a document. A platform
// admin reads the platform's own processor record (Art. 30(2)), which names the business.
import { type Page } from '@playwright/test';
import { expect, expectAccessible, onboardTenant, signIn, snapshot, test } from './fixtures';
import { tenantWithOwner } from './platform';

async function platformSignIn(page: Page): Promise<void> {
  await page.goto('/platform/login');
  await page.getByLabel('Sähköposti').fill(process.env.E2E_ADMIN_EMAIL!);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(process.env.E2E_ADMIN_PASSWORD!);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).not.toHaveURL(/\/platform\/login/);
}

test('the owner previews a change of the settings, saves it and finds it in the Art. 30 record', async ({ page, browser }) => {
  // Two consoles, five axe scans and a print view: longer than most journeys on a two-core machine.
  test.setTimeout(360_000);
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  await signIn(page, tenant, owner);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Rekisteriseloste' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rekisteriseloste' })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Seloste asiakkaille' });
  const state = preview.getByTestId('preview-state');
  await expect(state).toHaveText('Julkaistu versio 1');
  await expect(preview).toContainText('UpCloud Oy (Helsinki): palvelintilat ja tietokannat (henkilötietojen käsittelijä), Suomi');

  // Typing changes the preview, marked as such, before anything is saved.
  await page.getByRole('textbox', { name: 'Asiakkuuden tarkistus, kuukautta' }).fill('18');
  await expect(state).toContainText('Esikatselu: tallentamattomat muutokset');
  await expect(preview.getByTestId('draft-version-fi')).toContainText('Versio 2');
  await expect(preview).toContainText('tarkistettaviksi 18 kuukauden kuluttua');
  // The published statement is still version 1, saying 36 months.
  const published = await (await page.request.get(`/api/t/${tenant.slug}/privacy-notice?lang=fi`, { headers: { Accept: 'application/json' } })).json();
  expect(published.noticeVersion).toBe(1);
  expect(JSON.stringify(published.sections)).toContain('36 kuukauden');

  // A recipient of the owner's own: the preview lists it.
  await page.getByRole('button', { name: 'Lisää vastaanottaja' }).click();
  const added = page.getByRole('group', { name: 'Vastaanottaja 4' });
  await added.getByRole('textbox', { name: 'Nimi' }).fill('Tilitoimisto Numero Oy');
  await added.getByRole('combobox', { name: 'Tehtävä' }).selectOption({ label: 'Kirjanpito' });
  await expect(preview).toContainText('Tilitoimisto Numero Oy: kirjanpito, Suomi');

  // A cookie text that says more than the system does is warned about (in the form and beside the preview).
  const cookiesFi = page.getByRole('textbox', { name: 'Evästeet ja seuranta suomeksi' });
  const cookiesBefore = await cookiesFi.inputValue();
  await cookiesFi.fill('Käytämme Google Analytics -analytiikkaevästeitä kävijäseurantaan.');
  await expect(page.getByText(/Suomenkielinen evästeteksti mainitsee ”Google Analytics”/).first()).toBeVisible();
  await expectAccessible(page, 'the settings with a live preview and a warning');
  await snapshot(page, 'record-settings-preview');
  await cookiesFi.fill(cookiesBefore);
  await expect(page.getByText('Tarkista evästeteksti')).toHaveCount(0);

  // Save: the published statement is version 2 and the preview mark is gone.
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText('Tallennettu. Seloste on nyt versio 2.')).toBeVisible();
  await expect(state).toHaveText('Julkaistu versio 2');
  await expect(preview.getByTestId('notice-version-fi')).toContainText('Versio 2');

  // The Art. 30 record, from the same settings.
  await page.getByRole('link', { name: 'Seloste käsittelytoimista (GDPR 30 art.)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Seloste käsittelytoimista' })).toBeVisible();
  const record = page.getByTestId('processing-record');
  await expect(record.getByTestId('record-version-fi')).toContainText('versio 2');
  await expect(record.getByRole('heading', { level: 3, name: '7. Säilytysajat' })).toBeVisible();
  await expect(record).toContainText('tarkistetaan 18 kuukauden kuluttua');
  await expect(record).toContainText('Tilitoimisto Numero Oy: kirjanpito, Suomi');
  await expect(record).toContainText('UpCloud Oy (Helsinki)');
  await expectAccessible(page, 'the record of processing activities');
  await snapshot(page, 'record-fi');

  // The record of version 1 is still the one generated from version 1.
  await page.getByRole('combobox', { name: 'Asetusten versio' }).selectOption({ index: 1 });
  await expect(record.getByTestId('record-version-fi')).toContainText('versio 1');
  await expect(record).toContainText('tarkistetaan 36 kuukauden kuluttua');
  await expect(record).not.toContainText('Tilitoimisto Numero Oy');
  await page.getByRole('combobox', { name: 'Asetusten versio' }).selectOption({ index: 0 });

  // In English.
  await page.getByRole('radio', { name: 'Englanniksi' }).check();
  await expect(record.getByRole('heading', { level: 2 })).toContainText('Record of processing activities');
  await expect(record).toContainText('reviewed after 18 months');
  await expect(record.locator('article')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'the record in English');

  // Printed: the record alone, without the console around it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Tulosta' })).toBeHidden();
  await expect(record).toBeVisible();
  await snapshot(page, 'record-print');
  await page.emulateMedia({ media: 'screen' });

  // The API's own printable page.
  const html = await page.request.get(`/api/t/${tenant.slug}/register/record?lang=fi`, { headers: { Accept: 'text/html' } });
  expect(html.status()).toBe(200);
  expect(await html.text()).toContain('@media print');

  // The platform's processor record names the business.
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const adminPage = await context.newPage();
  await platformSignIn(adminPage);
  await adminPage.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Seloste käsittelytoimista' }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Käsittelijän seloste käsittelytoimista' })).toBeVisible();
  const platformRecord = adminPage.getByTestId('processing-record');
  await expect(platformRecord).toContainText(tenant.legalName);
  await expect(platformRecord).toContainText('30 artiklan 2 kohta');
  await expectAccessible(adminPage, 'the platform processor record');
  await snapshot(adminPage, 'record-platform');
  await context.close();
});
