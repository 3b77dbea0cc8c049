// The public pages, without signing in: a person unsubscribes from the link in a marketing message (and a mail
// client one-clicks, RFC 8058); the business's privacy statement in Finnish and English, printable; the
// accessibility statement and its feedback form, whose message arrives as an e-mail.
import { request } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectAccessible, signedInApi, snapshot, tenantWithStaff, test } from './fixtures';

test('a person unsubscribes from the link in a message without signing in; a mail client one-clicks', async ({ page }) => {
  const { tenant, owner } = await tenantWithStaff();
  const staff = await signedInApi(tenant, owner);
  const created = await staff.post(`/api/t/${tenant.slug}/customers`, { data: { billingFirstName: 'Ulla', billingLastName: 'Uutiskirje', email: `ulla.${Date.now()}@asiakas.test` } });
  const customer = (await created.json()) as { id: string };
  for (const purpose of ['marketing_email', 'marketing_sms']) {
    expect((await staff.put(`/api/t/${tenant.slug}/customers/${customer.id}/consents/${purpose}`, { data: { granted: true } })).status()).toBe(200);
  }
  // The links a marketing message carries: the page in the text, the API in List-Unsubscribe.
  const link = (await (await staff.get(`/api/t/${tenant.slug}/customers/${customer.id}/consents/marketing_email/unsubscribe-link`)).json()) as { url: string; oneClickUrl: string };
  expect(new URL(link.url).pathname).toMatch(/^\/unsubscribe\/[\w.-]+$/);
  expect(new URL(link.oneClickUrl).pathname).toMatch(/^\/api\/unsubscribe\/[\w.-]+$/);

  // The page says what and from whom, and withdraws only on the button.
  await page.goto(link.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Peru markkinointi' })).toBeVisible();
  await expect(page.getByText(`Olet perumassa luvan: Sähköpostimarkkinointi yritykseltä ${tenant.legalName}.`)).toBeVisible();
  await expectAccessible(page, 'the unsubscribe page');
  await snapshot(page, 'unsubscribe');
  const consentOf = async (purpose: string) => ((await (await staff.get(`/api/t/${tenant.slug}/customers/${customer.id}/consents/${purpose}`)).json()) as { granted: boolean }).granted;
  expect(await consentOf('marketing_email')).toBe(true);
  await page.getByRole('button', { name: 'Peru lupa: Sähköpostimarkkinointi' }).click();
  await expect(page.getByRole('status').getByText('Lupa on peruttu')).toBeVisible();
  await expect(page.getByRole('status')).toContainText(`Sähköpostimarkkinointi yritykseltä ${tenant.legalName} on peruttu`);
  await expectAccessible(page, 'the unsubscribe page, done');
  await snapshot(page, 'unsubscribe-done');
  expect(await consentOf('marketing_email')).toBe(false);

  // Opened again, or at the API's address (a mail client showing the header's link): the page, never JSON.
  await page.goto(link.oneClickUrl);
  await expect(page).toHaveURL(link.url.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  await expect(page.getByText('Lupa on jo peruttu')).toBeVisible();
  await expectAccessible(page, 'the unsubscribe page, already withdrawn');

  // RFC 8058: the mail client POSTs the form body to the List-Unsubscribe address, cross-site, no session.
  const sms = (await (await staff.get(`/api/t/${tenant.slug}/customers/${customer.id}/consents/marketing_sms/unsubscribe-link`)).json()) as { oneClickUrl: string };
  const mailClient = await request.newContext();
  const oneClick = await mailClient.post(sms.oneClickUrl, { headers: { Origin: 'https://mail.example', 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'List-Unsubscribe=One-Click' });
  expect(oneClick.status(), await oneClick.text()).toBe(200);
  expect(await consentOf('marketing_sms')).toBe(false);
  await mailClient.dispose();

  // A broken or expired link is explained in words.
  await page.goto('/unsubscribe/not.a.token');
  await expect(page.getByRole('heading', { level: 1, name: 'Peruutuslinkki ei kelpaa' })).toBeVisible();
  await expectAccessible(page, 'an invalid unsubscribe link');
  await staff.dispose();
});

test('the privacy statement in Finnish and English, printable; the accessibility statement and its feedback', async ({ page }) => {
  const { tenant } = await tenantWithStaff();
  await page.goto(`/t/${tenant.slug}/privacy`);
  const article = page.getByRole('article');
  await expect(article).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tietosuojaseloste');
  await expect(article.getByText(tenant.legalName).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^1\. / })).toBeVisible();
  await expectAccessible(page, 'the privacy statement in Finnish');
  await snapshot(page, 'privacy-fi');

  await page.getByRole('radio', { name: 'In English' }).or(page.getByRole('button', { name: 'In English' })).click();
  await expect(page).toHaveURL(/\?lang=en$/);
  await expect(article).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Privacy');
  await expectAccessible(page, 'the privacy statement in English');

  // Printed: only the statement, no header, language switch or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Tulosta' })).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await snapshot(page, 'privacy-print');
  await page.emulateMedia({ media: 'screen' });

  await page.goto('/t/no-such-business/privacy');
  await expect(page.getByRole('heading', { level: 1, name: 'Tietosuojaselostetta ei löytynyt' })).toBeVisible();
  await expectAccessible(page, 'a missing privacy statement');

  // The accessibility statement, its feedback form: errors beside their fields, then sent and announced.
  await page.goto('/accessibility');
  await expect(page.getByRole('heading', { level: 1, name: 'Saavutettavuusseloste' })).toBeVisible();
  await expect(page.getByText('www.saavutettavuusvaatimukset.fi')).toBeVisible();
  await expectAccessible(page, 'the accessibility statement');
  await snapshot(page, 'accessibility');
  const message = page.getByRole('textbox', { name: 'Palaute' });
  await page.getByRole('button', { name: 'Lähetä palaute' }).click();
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the feedback form with an error');
  const text = `Kytkimien tila ei erotu tarpeeksi selvästi ${Date.now()}.`;
  await message.fill(text);
  await page.getByRole('textbox', { name: 'Sähköposti vastausta varten' }).fill('lukija@example.fi');
  await expect(page.getByRole('textbox', { name: 'Sähköposti vastausta varten' })).toHaveAttribute('autocomplete', 'email');
  await page.getByRole('button', { name: 'Lähetä palaute' }).click();
  await expect(page.getByRole('status').getByText('Kiitos palautteesta')).toBeVisible();
  await expectAccessible(page, 'the feedback form, sent');
  // It arrives as an e-mail at ACCESSIBILITY_FEEDBACK_EMAIL (global-setup), with the reader to reply to.
  const dir = join(process.env.E2E_DATA_DIR!, 'mail');
  await expect
    .poll(() => readdirSync(dir).some((f) => { const m = readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, ''); return m.includes('To: saavutettavuus@e2e.test') && m.includes(String(text.match(/\d+/)?.[0])); }), { timeout: 20_000 })
    .toBe(true);

  // In English, and at 320 px.
  await page.getByRole('radio', { name: 'English' }).or(page.getByRole('button', { name: 'English' })).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'the accessibility statement in English at 320 px');
  await page.goto(`/t/${tenant.slug}/privacy`);
  await expect(page.getByRole('article')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await snapshot(page, 'privacy-320');
});
