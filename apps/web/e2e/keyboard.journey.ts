// One journey with the keyboard only: sign in, skip to the content, register a customer, find them again.
import { expect, expectAccessible, tenantWithStaff, test } from './fixtures';

test('staff sign in and register a customer with the keyboard alone', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const kb = page.keyboard;
  await page.goto(`/t/${tenant.slug}/login`);
  // The e-mail field has focus on arrival.
  await expect(page.getByLabel('Sähköposti')).toBeFocused();
  await kb.type(staff.email);
  await kb.press('Tab');
  await kb.type(staff.password);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();

  // On a fresh load the first Tab reaches the skip link; following it lands in the main content.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await kb.press('Tab');
  const skip = page.getByRole('link', { name: 'Siirry sisältöön' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await kb.press('Enter');
  // The page's actions in the order they are shown: import, duplicates, then the new customer.
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Tuo CSV-tiedostosta' })).toBeFocused();
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Kaksoiskappaleet' })).toBeFocused();
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Uusi asiakas' }).first()).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi asiakas' })).toBeFocused();

  // Tab to the kind of customer, choose a company with the arrow key, then fill the fields in order.
  await kb.press('Tab');
  await expect(page.getByRole('radio', { name: 'Yksityishenkilö' })).toBeFocused();
  await kb.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Yritys' })).toBeChecked();
  await kb.press('Tab');
  await expect(page.getByLabel('Yrityksen nimi')).toBeFocused();
  await kb.type('Näppäimistö Oy');
  await kb.press('Tab');
  await kb.type('2832233-5');
  await kb.press('Tab');
  await kb.type('Kaisa Käyttäjä');
  await kb.press('Tab');
  await kb.type('kaisa@nappaimisto.fi');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Näppäimistö Oy' })).toBeFocused();

  // Back to the list, "/" jumps to the search.
  await page.getByRole('link', { name: 'Takaisin asiakkaisiin' }).focus();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeFocused();
  await kb.press('/');
  await expect(page.getByLabel('Hae asiakkaita')).toBeFocused();
  await kb.type('näppäimistö');
  await expect(page).toHaveURL(/q=n%C3%A4pp%C3%A4imist%C3%B6/);
  await expect(page.getByRole('table', { name: 'Asiakkaat' }).getByRole('row')).toHaveCount(2);
  await expectAccessible(page, 'the customers list, searched');
});
