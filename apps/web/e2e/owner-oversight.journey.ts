// The owner's oversight: when and why platform staff searched the business's traffic in the IP log (a real
// search by an investigator whose role a second admin approved), an incident reported to the business, and the
// retention review, each said in words, first empty and then with what happened; and the pages at 320 px.
import { expect, expectAccessible, onboardTenant, signIn, snapshot, test } from './fixtures';
import { investigatorSearchesTenant, reportIncident, tenantWithOwner } from './platform';

test('the owner sees log searches, incidents and the retention review, in words', async ({ page }) => {
  test.setTimeout(300_000);
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  await signIn(page, tenant, owner);
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });

  // Nothing yet: each page says so, and what it would show.
  await nav.getByRole('link', { name: 'Lokihaut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lokihaut' })).toBeVisible();
  await expect(page.getByText('Alustan henkilökunta ei ole hakenut yrityksesi liikennettä IP-lokista.')).toBeVisible();
  await expectAccessible(page, 'access transparency, empty');

  await nav.getByRole('link', { name: 'Tietoturvaloukkaukset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tietoturvaloukkaukset' })).toBeVisible();
  await expect(page.getByText('Alusta ei ole ilmoittanut yhtään tietoturvaloukkausta')).toBeVisible();
  await expectAccessible(page, 'incidents, empty');

  await nav.getByRole('link', { name: 'Säilytyksen tarkistus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Säilytyksen tarkistus' })).toBeVisible();
  await expect(page.getByText('Yhdenkään asiakkaan asiakkuus ei näytä päättyneen.')).toBeVisible();
  await expect(page.getByText('Mitään ei poisteta itsestään.')).toBeVisible();
  await expectAccessible(page, 'the retention review, empty');
  await snapshot(page, 'owner-retention');

  // Platform staff search the business's traffic, and report an incident that concerns it.
  const justification = 'Asiakkaan ilmoittama epäilty tilimurto, tukipyyntö 4711';
  await investigatorSearchesTenant(tenant, owner, justification);
  await reportIncident(tenant, 'Laskuarkiston varmuuskopio näkyvissä');

  await nav.getByRole('link', { name: 'Lokihaut' }).click();
  const searches = page.getByRole('table', { name: 'Yrityksen liikennettä koskeneet lokihaut' });
  await expect(searches.getByRole('row')).toHaveCount(2);
  await expect(searches.getByRole('cell', { name: justification })).toBeVisible();
  await expect(searches.getByRole('row').nth(1)).toContainText(/\d{1,2}\.\d{1,2}\.\d{4}/);
  // The search's filters and findings are not the owner's to see.
  await expect(page.locator('main')).not.toContainText('tenantId');
  await expectAccessible(page, 'access transparency with a search');
  await snapshot(page, 'owner-access-transparency');

  await nav.getByRole('link', { name: 'Tietoturvaloukkaukset' }).click();
  const incident = page.getByRole('article', { name: 'Laskuarkiston varmuuskopio näkyvissä' });
  await expect(incident).toContainText('Selvitetään');
  await expect(incident).toContainText('Laskuarkiston varmuuskopio oli hetken luettavissa ilman tunnistautumista.');
  await expect(incident).toContainText('sähköpostiosoite, laskutushistoria');
  await expect(incident).toContainText(/Alustan on ilmoitettava sinulle viimeistään .* \(aikaa noin 72 tuntia\)/);
  await expect(incident).toContainText('Asiakkaille ei ole vielä lähetetty ilmoitusta.');
  await expectAccessible(page, 'incidents with one');
  await snapshot(page, 'owner-incidents');

  // In English, the same in English.
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await expect(incident).toContainText('A backup of the invoice archive could be read without signing in for a while.');
  await expect(incident).toContainText('e-mail address, billing history');
  await expectAccessible(page, 'incidents in English');
  await page.getByRole('radio', { name: 'Suomi' }).click();

  // At 320 px (400 % zoom) the pages still read without sideways scrolling of the page.
  await page.setViewportSize({ width: 320, height: 720 });
  for (const [link, heading] of [['Lokihaut', 'Lokihaut'], ['Tietoturvaloukkaukset', 'Tietoturvaloukkaukset'], ['Rekisteriseloste', 'Rekisteriseloste'], ['Henkilökunta', 'Henkilökunta']] as const) {
    await page.goto(`/t/${tenant.slug}/${{ Lokihaut: 'access-transparency', Tietoturvaloukkaukset: 'incidents', Rekisteriseloste: 'settings', Henkilökunta: 'staff' }[link]}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // Measured once the page has all its parts (the settings' recipients and preview arrive after the heading).
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${heading} at 320 px`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${heading} at 320 px`);
    await snapshot(page, `owner-320-${link}`);
  }
});
