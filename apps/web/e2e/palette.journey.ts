// The command palette (Ctrl/Cmd+K), with the keyboard alone: jump to a customer found as you type, or to a page.
import { expect, expectAccessible, signedInApi, snapshot, tenantWithStaff, test } from './fixtures';

test('the command palette finds customers as you type and jumps to pages, with the keyboard alone', async ({ page }) => {
  const { tenant, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, staff);
  for (const data of [{ companyName: 'Paletti Oy', email: 'info@paletti.fi' }, { contactName: 'Pirkko Palettinen', phone: '040 123 4567' }, { contactName: 'Muu Asiakas' }]) {
    expect((await api.post(`/api/t/${tenant.slug}/customers`, { data })).status()).toBe(201);
  }
  await api.dispose();
  const kb = page.keyboard;
  await page.goto(`/t/${tenant.slug}/login`);
  await expect(page.getByLabel('Sähköposti')).toBeFocused();
  await kb.type(staff.email);
  await kb.press('Tab');
  await kb.type(staff.password);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeFocused();

  // Ctrl+K opens it with the focus in its field; two letters or more also search the customers.
  await kb.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Siirry sivulle tai asiakkaaseen' });
  await expect(palette).toBeVisible();
  const field = palette.getByRole('searchbox', { name: 'Sivu tai asiakas' });
  await expect(field).toBeFocused();
  await expect(palette.getByRole('status')).toHaveText(/vähintään kaksi merkkiä/);
  await expectAccessible(page, 'the command palette, empty');
  await kb.type('pal');
  await expect(palette.getByRole('status')).toHaveText(/Löytyi 2 asiakasta/);
  await expect(palette.getByRole('menuitem')).toHaveText([/Paletti Oy/, /Pirkko Palettinen/]);
  await expectAccessible(page, 'the command palette with customers found');
  await snapshot(page, 'command-palette');
  // The first result is active; the arrow moves on, Enter opens it.
  await kb.press('ArrowDown');
  await expect(field).toBeFocused();
  await kb.press('Enter');
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pirkko Palettinen' })).toBeFocused();
  await expect(palette).toHaveCount(0);

  // Pages by their names.
  await kb.press('Control+k');
  await expect(field).toBeFocused();
  await kb.type('uusi');
  await expect(palette.getByRole('menuitem', { name: 'Uusi asiakas' })).toBeVisible();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi asiakas' })).toBeFocused();

  // Nothing found is said in words; Escape closes the palette.
  await kb.press('Control+k');
  await kb.type('xyzzy');
  await expect(palette.getByRole('status')).toHaveText('Haulla ”xyzzy” ei löytynyt asiakkaita.');
  await expect(palette.getByText('Ei osumia.')).toBeVisible();
  await expectAccessible(page, 'the command palette, nothing found');
  await kb.press('Escape');
  await kb.press('Escape');
  await expect(palette).toHaveCount(0);

  // "/" still jumps to the customer search on the customers page.
  await kb.press('Control+k');
  await kb.type('asiakkaat');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeFocused();
  await kb.press('/');
  await expect(page.getByLabel('Hae asiakkaita')).toBeFocused();
});
