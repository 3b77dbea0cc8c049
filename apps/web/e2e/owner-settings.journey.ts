// The owner's day with people and the privacy statement: invite a member of staff (who opens the e-mailed link,
// sets a password and signs in, and is told in words that the owner's pages are not theirs), fill the register
// settings and watch the Finnish and English statement change (a refused value, a save that meets another
// one), then disable the member, who can no longer sign in. Then the same invitation and dialog by keyboard only.
import { type Browser, type Page } from '@playwright/test';
import { expect, expectAccessible, invitationLinkFromMail, onboardTenant, signedInApi, signIn, snapshot, test } from './fixtures';
import { tenantWithOwner } from './platform';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  return context.newPage();
}

test('the owner invites a member of staff, who signs in, and then disables them', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  await signIn(page, tenant, owner);
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await expect(nav.getByRole('link', { name: 'Rekisteriseloste' })).toBeVisible();

  // Invite a member of staff.
  await nav.getByRole('link', { name: 'Henkilökunta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Henkilökunta' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(owner.email) })).toContainText('Käytössä');
  await expectAccessible(page, 'the staff page');
  const member = { name: 'Tiina Työntekijä', email: `tiina@${tenant.slug}.test`, password: 'tiinan oma pitkä salasana' };
  await page.getByRole('textbox', { name: 'Nimi' }).fill(member.name);
  await page.getByRole('textbox', { name: 'Sähköposti' }).fill(member.email);
  await expect(page.getByRole('radio', { name: /^Työntekijä/ })).toBeChecked();
  await page.getByRole('button', { name: 'Lähetä kutsu' }).click();
  await expect(page.getByText(`Kutsu on lähetetty osoitteeseen ${member.email}.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(member.email) });
  await expect(row).toContainText('Kutsuttu, ei vielä salasanaa');
  await expectAccessible(page, 'the staff page after an invitation');
  await snapshot(page, 'owner-staff-invited');

  // The same address again: said beside the e-mail field.
  await page.getByRole('textbox', { name: 'Nimi' }).fill('Tiina Toistamiseen');
  await page.getByRole('textbox', { name: 'Sähköposti' }).fill(member.email);
  await page.getByRole('button', { name: 'Lähetä kutsu' }).click();
  await expect(page.getByText('Tällä sähköpostiosoitteella on jo tunnus tässä yrityksessä.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Sähköposti' })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the invitation form with an error');

  // The member opens the e-mailed link in their own browser, sets a password and signs in.
  const staffPage = await newPage(browser);
  await staffPage.goto(await invitationLinkFromMail(member.email));
  await staffPage.getByLabel('Uusi salasana').fill(member.password);
  await staffPage.getByLabel('Salasana uudelleen').fill(member.password);
  await staffPage.getByRole('button', { name: 'Aseta salasana' }).click();
  await expect(staffPage.getByText('Salasana on asetettu. Kirjaudu nyt sisään.')).toBeVisible();
  await signIn(staffPage, tenant, member);
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  // Staff are not offered the owner's areas, and are told in words when they open one anyway.
  const staffNav = staffPage.getByRole('navigation', { name: 'Päävalikko' });
  await expect(staffNav.getByRole('link', { name: 'Asiakkaat' })).toBeVisible();
  for (const ownersOnly of ['Henkilökunta', 'Rekisteriseloste', 'Tietoturvaloukkaukset', 'Lokihaut', 'Säilytyksen tarkistus']) await expect(staffNav.getByRole('link', { name: ownersOnly })).toHaveCount(0);
  await staffPage.goto(`/t/${tenant.slug}/settings`);
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
  await expect(staffPage.getByText('Tämä sivu on vain yrityksen omistajille.')).toBeVisible();
  await expectAccessible(staffPage, 'an owner page opened by staff');
  await snapshot(staffPage, 'staff-forbidden');

  await page.reload();
  await expect(row).toContainText('Käytössä');

  // Disable the member: a dialog asks first; Esc closes it and nothing happens.
  await nav.getByRole('link', { name: 'Henkilökunta' }).click();
  await row.getByRole('button', { name: `Poista käytöstä: ${member.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Poistetaanko ${member.name} käytöstä?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await expectAccessible(page, 'the disable dialog');
  await snapshot(page, 'owner-staff-disable-dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Käytössä');
  await row.getByRole('button', { name: `Poista käytöstä: ${member.name}` }).click();
  await dialog.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${member.name} on poistettu käytöstä. Hän ei voi enää kirjautua.`)).toBeVisible();
  await expect(row).toContainText('Poistettu käytöstä – ei voi kirjautua');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'the staff page after disabling');

  // The member's session has ended, and signing in again is refused.
  await staffPage.goto(`/t/${tenant.slug}/customers`);
  await expect(staffPage).toHaveURL(new RegExp(`/t/${tenant.slug}/login`));
  await signIn(staffPage, tenant, member);
  await expect(staffPage.getByText('Sähköpostiosoite tai salasana on väärin.')).toBeVisible();
  await staffPage.context().close();
});

test('the owner fills the register settings and sees the statement change in Finnish and English', async ({ page }) => {
  test.setTimeout(240_000);
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  await signIn(page, tenant, owner);
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });

  // The register settings, with the statement beside them.
  await nav.getByRole('link', { name: 'Rekisteriseloste' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rekisteriseloste' })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Seloste asiakkaille' });
  await expect(preview.getByRole('heading', { level: 4, name: '1. Rekisterinpitäjä' })).toBeVisible();
  await expect(preview.getByTestId('notice-version-fi')).toContainText('1');
  await expectAccessible(page, 'the register settings');
  await snapshot(page, 'owner-settings');

  // A number outside the range is said beside its field before anything is sent.
  const ipDays = page.getByRole('textbox', { name: 'IP-lokin säilytys, päivää' });
  await ipDays.fill('400');
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText('Asetuksia ei tallennettu. Korjaa merkityt kentät.')).toBeVisible();
  await expect(ipDays).toHaveAttribute('aria-invalid', 'true');
  await expect(ipDays).toBeFocused();
  await expect(page.getByText('Anna kokonaisluku väliltä 1–365.')).toBeVisible();
  // A category the system stores cannot be left out: the API says so, beside the categories.
  await ipDays.fill('30');
  const form = page.getByRole('form', { name: 'Rekisterin asetukset' });
  const phone = form.getByRole('checkbox', { name: 'Puhelinnumero' });
  await form.getByText('Puhelinnumero', { exact: true }).click();
  await expect(phone).not.toBeChecked();
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText(/Järjestelmä tallentaa nämä tiedot jokaisesta asiakkaasta, joten selosteen on mainittava ne: Puhelinnumero\./)).toBeVisible();
  await expectAccessible(page, 'the register settings with errors');
  await snapshot(page, 'owner-settings-errors');
  await form.getByText('Puhelinnumero', { exact: true }).click();
  await expect(phone).toBeChecked();

  // Save: the statement in both languages follows.
  await page.getByRole('textbox', { name: 'Maksuttomia jäljennöksiä vuodessa' }).fill('2');
  await page.getByRole('textbox', { name: 'Käyttötarkoitus suomeksi' }).fill('Asiakassuhteen hoitaminen, ajanvaraukset ja laskutus Kauneushoitolassa.');
  await page.getByRole('textbox', { name: 'Käyttötarkoitus englanniksi' }).fill('Managing the customer relationship, appointments and invoicing at the salon.');
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText('Tallennettu. Seloste on nyt versio 2.')).toBeVisible();
  await expect(preview.getByTestId('notice-version-fi')).toContainText('2');
  await expect(preview.getByText('Asiakassuhteen hoitaminen, ajanvaraukset ja laskutus Kauneushoitolassa.')).toBeVisible();
  await expect(preview).toContainText('IP-osoitteita säilytetään 30 päivän ajan');
  await expect(preview).toContainText('maksutta 2 kertaa vuodessa');
  await preview.getByRole('tab', { name: 'Englanniksi' }).click();
  await expect(preview.getByRole('heading', { level: 4, name: '1. Controller' })).toBeVisible();
  await expect(preview.getByText('Managing the customer relationship, appointments and invoicing at the salon.')).toBeVisible();
  await expect(preview.getByTestId('notice-version-en')).toContainText('2');
  await expect(preview).toContainText('IP addresses are kept for 30 days');
  await expect(preview).toContainText('free of charge twice a year');
  await expectAccessible(page, 'the register settings saved, English statement');
  await snapshot(page, 'owner-settings-saved');

  // Someone else saves meanwhile: their change is taken in, the owner's kept, and the owner saves again.
  const other = await signedInApi(tenant, owner);
  const current = await (await other.get(`/api/t/${tenant.slug}/register`)).json();
  expect((await other.put(`/api/t/${tenant.slug}/register`, { data: { version: current.version, customerReviewAfterMonths: 24 } })).status()).toBe(200);
  await page.getByRole('textbox', { name: 'Laskujen säilytys, vuotta' }).fill('7');
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText('Joku muu tallensi asetukset sillä välin')).toBeVisible();
  await expect(page.getByText('Hänen muutoksensa ovat nyt lomakkeella: Asiakkuuden tarkistus, kuukautta.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Asiakkuuden tarkistus, kuukautta' })).toHaveValue('24');
  await expect(page.getByRole('textbox', { name: 'Laskujen säilytys, vuotta' })).toHaveValue('7');
  await expectAccessible(page, 'the register settings after a conflict');
  await page.getByRole('button', { name: 'Tallenna ja päivitä seloste' }).click();
  await expect(page.getByText('Tallennettu. Seloste on nyt versio 4.')).toBeVisible();
  const saved = await (await other.get(`/api/t/${tenant.slug}/register`)).json();
  expect(saved).toMatchObject({ customerReviewAfterMonths: 24, invoiceRetentionYears: 7, accessRequestsPerYear: 2, ipLogRetentionDays: 30 });
  await other.dispose();
});

test('the owner invites and disables a member of staff with the keyboard alone', async ({ page }) => {
  const { tenant, owner } = await tenantWithOwner(onboardTenant);
  await signIn(page, tenant, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  const kb = page.keyboard;
  // From the navigation: Tab to the staff link and follow it.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt' }).focus();
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Henkilökunta' })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Henkilökunta' })).toBeFocused();

  await kb.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Nimi' })).toBeFocused();
  await kb.type('Kalle Näppäilijä');
  await kb.press('Tab');
  await kb.type(`kalle@${tenant.slug}.test`);
  await kb.press('Tab');
  await expect(page.getByRole('radio', { name: /^Työntekijä/ })).toBeFocused();
  await kb.press('Tab');
  await expect(page.getByRole('button', { name: 'Lähetä kutsu' })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByText(`Kutsu on lähetetty osoitteeseen kalle@${tenant.slug}.test.`)).toBeVisible();

  // Open the dialog from the keyboard: the focus stays inside it (Tab and Shift+Tab wrap) until it is answered.
  const disable = page.getByRole('button', { name: 'Poista käytöstä: Kalle Näppäilijä' });
  await disable.focus();
  await kb.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await kb.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Poista käytöstä' })).toBeFocused();
  await kb.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await kb.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Poista käytöstä' })).toBeFocused();
  // Esc closes it and gives the focus back to the button that opened it.
  await kb.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await kb.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await kb.press('Shift+Tab');
  await kb.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /kalle@/ })).toContainText('Poistettu käytöstä – ei voi kirjautua');
  await expectAccessible(page, 'the staff page, by keyboard');
});
