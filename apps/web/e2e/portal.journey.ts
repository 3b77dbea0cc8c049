// A customer's journey through the portal with the keyboard alone: the invitation from the .eml (sent by staff
// through the API), sign-in, their data and a correction, a consent withdrawn, the export downloaded, and
// erasure asked for: first refused for an unpaid invoice, then accepted once it is paid. Axe on every state.
import { type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, invitationLinkFromMail, signedInApi, snapshot, tenantWithStaff, test } from './fixtures';

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

async function setUp(api: APIRequestContext, slug: string) {
  const email = `maija.${Date.now().toString(36)}@asiakas.test`;
  const created = await api.post(`/api/t/${slug}/customers`, {
    data: { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email, phone: '040 123 4567', streetAddress: 'Merivirta 7', postalCode: '02320', city: 'Espoo' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const customer = (await created.json()) as { id: string };
  expect((await api.put(`/api/t/${slug}/customers/${customer.id}/consents/marketing_email`, { data: { granted: true } })).status()).toBe(200);
  const draft = await api.post(`/api/t/${slug}/invoices`, { data: { customerId: customer.id, lines: [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  const invoice = (await issued.json()) as { id: string; number: number; issueDate: string; outstandingCents: number };
  // Staff invite her to the portal; the e-mail goes out as an .eml.
  const invited = await api.post(`/api/t/${slug}/customers/${customer.id}/portal-invitation`);
  expect(invited.status(), await invited.text()).toBe(201);
  return { customer, email, invoice };
}

test('a customer accepts the portal invitation, sees and corrects their data, withdraws a consent, downloads the export and asks for erasure, by keyboard', async ({ page }) => {
  // The whole of a customer's rights, with a dozen axe scans, on a shared two-core machine.
  test.setTimeout(420_000);
  const { tenant, owner } = await tenantWithStaff();
  const staffApi = await signedInApi(tenant, owner);
  const { email, invoice } = await setUp(staffApi, tenant.slug);
  const kb = page.keyboard;

  // The link in the e-mail opens the portal's invitation page (the token in the fragment).
  const link = await invitationLinkFromMail(email);
  expect(link).toContain(`/t/${tenant.slug}/portal/invitation#token=`);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Aseta salasana' })).toBeVisible();
  await expect(page.getByText('on vähintään 12 merkkiä pitkä')).toBeVisible();
  const newPassword = page.getByLabel('Uusi salasana');
  await expect(newPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(page.getByLabel('Salasana uudelleen')).toHaveAttribute('autocomplete', 'new-password');
  await expectAccessible(page, 'the portal invitation page');
  await snapshot(page, 'portal-invitation');

  // Too short first: the rule is said beside the field.
  await tabTo(page, newPassword);
  await kb.type('lyhyt');
  await kb.press('Tab');
  await kb.type('lyhyt');
  await kb.press('Enter');
  await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the portal invitation page with an error');

  // A password manager's generated password is pasted: paste works in both fields.
  const password = 'maijan oma salalause 2026';
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), password);
  await tabTo(page, newPassword, true);
  await kb.press('ControlOrMeta+A');
  await kb.press('ControlOrMeta+V');
  await expect(newPassword).toHaveValue(password);
  await kb.press('Tab');
  await kb.press('ControlOrMeta+A');
  await kb.press('ControlOrMeta+V');
  await kb.press('Enter');

  // Sign in: the page's title has focus after the move, the e-mail field is next; the fields say what a
  // password manager should fill.
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal/login`));
  await expect(page.getByText('Salasana on asetettu. Kirjaudu nyt sisään.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu asiakasportaaliin' })).toBeFocused();
  await kb.press('Tab');
  await expect(page.getByLabel('Sähköposti')).toBeFocused();
  await expect(page.getByLabel('Sähköposti')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByRole('textbox', { name: 'Salasana', exact: true })).toHaveAttribute('autocomplete', 'current-password');
  await expectAccessible(page, 'the portal sign-in page');
  await snapshot(page, 'portal-login');
  await kb.type(email);
  await kb.press('Tab');
  await kb.type(password);
  await kb.press('Enter');

  // My data: everything held, in words.
  await expect(page.getByRole('heading', { level: 1, name: 'Omat tiedot' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Yhteystiedot' });
  await expect(details.getByText('Maija Meikäläinen')).toBeVisible();
  await expect(details.getByText('+358401234567')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Laskut' }).getByRole('cell', { name: `#${invoice.number}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lupien historia' }).getByRole('cell', { name: 'annettu' })).toBeVisible();
  await expectAccessible(page, 'my data');
  await snapshot(page, 'portal-my-data');

  // Correct the phone number: a wrong one first, the error beside the field; then the right one.
  await tabTo(page, page.getByRole('button', { name: 'Korjaa tietoja' }));
  await kb.press('Enter');
  const phone = page.getByRole('textbox', { name: 'Puhelin' });
  await expect(phone).toHaveAttribute('autocomplete', 'tel');
  await expect(page.getByLabel('Etunimi')).toHaveAttribute('autocomplete', 'given-name');
  await tabTo(page, phone);
  await kb.press('ControlOrMeta+A');
  await kb.type('12');
  await kb.press('Enter');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await phone.getAttribute('aria-describedby')) ?? '';
  const errorText = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
  expect(errorText).toMatch(/puhelinnumero/i);
  await expectAccessible(page, 'my data with a field error');
  await kb.press('ControlOrMeta+A');
  await kb.type('040 765 4321');
  await kb.press('Enter');
  await expect(page.getByRole('status').getByText('Tietosi on korjattu.')).toBeVisible();
  await expect(details.getByText('+358407654321')).toBeVisible();

  // Marketing: a named switch per purpose, with the wording and the date; Space withdraws.
  await tabTo(page, page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Markkinointi' }), true);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Markkinointi' })).toBeFocused();
  const emailSwitch = page.getByRole('switch', { name: 'Sähköpostimarkkinointi sallittu' });
  await expect(emailSwitch).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Tekstiviestimarkkinointi sallittu' })).not.toBeChecked();
  await expect(page.getByText(/saa lähettää minulle tarjouksia, uutiskirjeitä ja muuta markkinointia sähköpostilla/)).toBeVisible();
  await expect(page.getByText(/Lupa annettu \d+\.\d+\.\d{4} kirjallisella pyynnöllä yritykselle, tietosuojaselosteen versio 1\./)).toBeVisible();
  await expectAccessible(page, 'the marketing page');
  await snapshot(page, 'portal-marketing');
  await tabTo(page, emailSwitch);
  await kb.press('Space');
  await expect(page.getByRole('status').getByText('Sähköpostimarkkinointi: lupa peruttu. Et saa enää tätä markkinointia.')).toBeVisible();
  await expect(emailSwitch).not.toBeChecked();
  await expect(page.getByText(/Lupa peruttu \d+\.\d+\.\d{4}\./)).toBeVisible();
  await expectAccessible(page, 'the marketing page after withdrawing');

  // Requests: ask for access to the data.
  await tabTo(page, page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt' }), true);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Pyynnöt' })).toBeFocused();
  await expectAccessible(page, 'the requests page');
  const access = page.getByRole('radio', { name: 'Tietojen tarkastus ja kopio' });
  await tabTo(page, access);
  await kb.press('Space');
  await expect(access).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Lähetä pyyntö' }));
  await kb.press('Enter');
  await expect(page.getByRole('status').getByText(/Yritys vastaa viimeistään \d+\.\d+\.\d{4}\./)).toBeVisible();
  const requests = page.getByRole('table', { name: 'Omat pyynnöt' });
  await expect(requests.getByRole('row', { name: /Tietojen tarkastus ja kopio/ })).toContainText('vastaanotettu, henkilöllisyys todennettu');

  // The business serves it; the export downloads from the list.
  const [served] = (await (await staffApi.get(`/api/t/${tenant.slug}/requests?filter=open&limit=50`)).json()).items as { id: string }[];
  expect((await staffApi.post(`/api/t/${tenant.slug}/requests/${served.id}/complete`, { data: {} })).status()).toBe(200);
  await page.reload();
  await expect(requests.getByRole('row', { name: /Tietojen tarkastus ja kopio/ })).toContainText('valmis');
  const htmlLink = page.getByRole('link', { name: 'Lataa luettava (HTML)' });
  await tabTo(page, htmlLink);
  const [html] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  expect(html.suggestedFilename()).toMatch(/^export-.*\.html$/);
  expect(readFileSync(await html.path(), 'utf8')).toContain('Meikäläinen');
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Lataa koneluettava (JSON)' })).toBeFocused();
  const [json] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as { profile: { id: string; phone: string }; consentLedger: { action: string }[] };
  expect(exported.profile.phone).toBe('+358407654321');
  expect(exported.consentLedger.map((e) => e.action)).toEqual(['granted', 'withdrawn']);
  // The same as a table (CSV: section, item, field, value), for a spreadsheet or another register.
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Lataa taulukkona (CSV)' })).toBeFocused();
  const [csv] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  expect(csv.suggestedFilename()).toMatch(/^export-.*\.csv$/);
  const table = readFileSync(await csv.path(), 'utf8').split('\r\n');
  expect(table[0]).toBe('\ufeffsection,item,field,value');
  // One CSV cell guard for every CSV (@app/core): a value starting with + is written with an apostrophe first, so
  // a spreadsheet shows it as text (the phone keeps its +) and never as a formula.
  expect(table).toContain(`profile,${exported.profile.id},phone,'+358407654321`);
  await expectAccessible(page, 'the requests page with an export');
  await snapshot(page, 'portal-requests');

  // Erasure: a dialog asks first; Esc closes it and nothing is sent.
  // Back up to the choices (one Tab stop for the group; backwards, the browser enters it at its last choice),
  // then the arrow keys until erasure is chosen.
  const erasure = page.getByRole('radio', { name: 'Tietojen poistaminen' });
  const choices = page.getByRole('radio');
  for (let i = 0; i < 30 && !(await choices.evaluateAll((els) => els.some((el) => el === document.activeElement))); i++) await kb.press('Shift+Tab');
  for (let i = 0; i < 5 && !(await erasure.isChecked()); i++) await kb.press('ArrowUp');
  await expect(erasure).toBeChecked();
  await expect(erasure).toBeFocused();
  const send = page.getByRole('button', { name: 'Lähetä pyyntö' });
  await tabTo(page, send);
  await kb.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Poistetaanko tietosi?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await expectAccessible(page, 'the erasure confirmation dialog');
  await snapshot(page, 'portal-erasure-dialog');
  // Focus stays inside the dialog.
  for (let i = 0; i < 4; i++) {
    await kb.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await kb.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(send).toBeFocused();

  // Confirmed while the invoice is unpaid: refused, saying which invoice and what to do.
  await kb.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: 'Pyydä poistoa' }));
  await kb.press('Enter');
  await expect(dialog).toBeHidden();
  const refusal = page.getByRole('alert').filter({ hasText: 'Tietoja ei voi vielä poistaa' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(`Lasku ${invoice.number}: 75,30 € maksamatta`);
  await expect(refusal).toContainText('Maksa laskut laskussa olevalla viitenumerolla');
  await expect(requests.getByRole('row', { name: /Tietojen poistaminen/ })).toHaveCount(0);
  await expectAccessible(page, 'the requests page with the erasure refused');
  await snapshot(page, 'portal-erasure-refused');

  // Paid, she asks again, and the request is recorded with its deadline.
  expect((await staffApi.post(`/api/t/${tenant.slug}/invoices/${invoice.id}/payments`, { data: { amountCents: invoice.outstandingCents, paidOn: invoice.issueDate } })).status()).toBe(201);
  await tabTo(page, send, true);
  await kb.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Pyydä poistoa' }));
  await kb.press('Enter');
  await expect(page.getByRole('status').getByText(/Yritys vastaa viimeistään/)).toBeVisible();
  await expect(requests.getByRole('row', { name: /Tietojen poistaminen/ })).toContainText('vastaanotettu, henkilöllisyys todennettu');
  await expectAccessible(page, 'the requests page with the erasure asked for');

  // At 320 px nothing scrolls sideways but the tables inside their own regions.
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ['', '/marketing', '/requests']) {
    await page.goto(`/t/${tenant.slug}/portal${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, `the portal at 320 px: ${path || 'my data'}`);
  }
  await snapshot(page, 'portal-requests-320');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Sign out with the keyboard.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pyynnöt' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Kirjaudu ulos' }), true);
  await kb.press('Enter');
  await expect(page.getByText('Olet kirjautunut ulos.')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal/login`));
  // The portal is closed without a session: back to sign-in, and back to the page after.
  await page.goto(`/t/${tenant.slug}/portal/marketing`);
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/portal/login\\?next=`));
  await staffApi.dispose();
});
