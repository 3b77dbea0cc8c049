// The owner of a newly onboarded business opens the invitation link from the e-mail, sets a password, signs in
// and lands in the console, where an owner sees the staff area too.
import { expect, expectAccessible, invitationLinkFromMail, onboardTenant, snapshot, test } from './fixtures';

test('the owner sets a password from the e-mailed invitation, signs in and lands in the console', async ({ page }) => {
  const tenant = await onboardTenant();
  const link = await invitationLinkFromMail(tenant.ownerEmail);
  expect(link).toContain(`/t/${tenant.slug}/invitation#token=`);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Aseta salasana' })).toBeVisible();
  await expect(page.getByText('on vähintään 12 merkkiä pitkä')).toBeVisible();
  await expectAccessible(page, 'the invitation page');
  await snapshot(page, 'invitation');

  // Too short: the rule is said beside the field, and nothing is sent.
  await page.getByLabel('Uusi salasana').fill('lyhyt');
  await page.getByLabel('Salasana uudelleen').fill('lyhyt');
  await page.getByRole('button', { name: 'Aseta salasana' }).click();
  await expect(page.getByLabel('Uusi salasana')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the invitation page with an error');

  const password = 'kolme pientä porsasta ja susi';
  await page.getByLabel('Uusi salasana').fill(password);
  await page.getByLabel('Salasana uudelleen').fill(password);
  await page.getByRole('button', { name: 'Aseta salasana' }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/login`));
  await expect(page.getByText('Salasana on asetettu. Kirjaudu nyt sisään.')).toBeVisible();
  await expectAccessible(page, 'the sign-in page');
  await snapshot(page, 'login');

  // A wrong password first: said plainly, without saying which part was wrong.
  await page.getByLabel('Sähköposti').fill(tenant.ownerEmail);
  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill('väärä salasana tässä');
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page.getByText('Sähköpostiosoite tai salasana on väärin.')).toBeVisible();
  await expectAccessible(page, 'the sign-in page after a failed attempt');

  await page.getByRole('textbox', { name: 'Salasana', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/customers$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expect(page.getByText('Rekisterissä ei ole vielä asiakkaita.')).toBeVisible();
  await expectAccessible(page, 'the empty customers page');

  // The owner's navigation has the staff area; the owner is listed there.
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await nav.getByRole('link', { name: 'Henkilökunta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Henkilökunta' })).toBeVisible();
  await expect(page.getByRole('cell', { name: tenant.ownerEmail })).toBeVisible();
  await expectAccessible(page, 'the staff page');
  await snapshot(page, 'staff');

  // The invitation works once.
  await page.goto(link);
  await page.getByLabel('Uusi salasana').fill('toinen yritys salasanaksi');
  await page.getByLabel('Salasana uudelleen').fill('toinen yritys salasanaksi');
  await page.getByRole('button', { name: 'Aseta salasana' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kutsulinkki ei kelpaa' })).toBeVisible();
  await expectAccessible(page, 'the spent invitation');

  await page.goto(`/t/${tenant.slug}/customers`);
  await expect(page.getByText('Rekisterissä ei ole vielä asiakkaita.')).toBeVisible();
  // The sign-in page's code arrives slowly (as on a busy machine): the page must still say "you signed out", not
  // "your session ended" because a query of the page being left answered 401 meanwhile.
  await page.route('**/assets/LoginPage-*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  // Signing out is in the account menu (the user's name in the header).
  await page.getByRole('button', { name: /Olli Omistaja/ }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Kirjaudu ulos', exact: true }).click();
  await expect(page.getByText('Olet kirjautunut ulos.')).toBeVisible();
});
