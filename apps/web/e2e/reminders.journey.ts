// Payment reminders (issue 15): staff send a reminder of an overdue invoice from its page after a confirmation;
// the page says where it went, the e-mail arrives with the invoice PDF attached, and the reminder shows in the
// invoice's history and in the invoice list. An invoice not yet due offers the action disabled. The owner turns
// automatic reminders on in the settings. Axe on every state.
import { type APIRequestContext } from '@playwright/test';
import { join } from 'node:path';
import { dueDaysAgo, expect, expectAccessible, fromMail, signedInApi, signIn, snapshot, type Tenant, tenantWithStaff, test } from './fixtures';

async function issuedInvoice(api: APIRequestContext, tenant: Tenant, customer: Record<string, string>): Promise<{ id: string; number: number }> {
  const c = await api.post(`/api/t/${tenant.slug}/customers`, { data: customer });
  expect(c.status(), await c.text()).toBe(201);
  const lines = [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }];
  const draft = await api.post(`/api/t/${tenant.slug}/invoices`, { data: { customerId: ((await c.json()) as { id: string }).id, lines } });
  expect(draft.status(), await draft.text()).toBe(201);
  const issued = await api.post(`/api/t/${tenant.slug}/invoices/${((await draft.json()) as { id: string }).id}/issue`, { data: {} });
  expect(issued.status(), await issued.text()).toBe(200);
  return (await issued.json()) as { id: string; number: number };
}

test('staff send a payment reminder of an overdue invoice and see it in the history; the owner turns automatic reminders on', async ({ page }) => {
  test.slow();
  const { tenant, owner, staff } = await tenantWithStaff();
  const api = await signedInApi(tenant, owner);
  const seller = (await (await api.get(`/api/t/${tenant.slug}/seller`)).json()) as Record<string, unknown>;
  const put = await api.put(`/api/t/${tenant.slug}/seller`, { data: { ...seller, iban: 'FI4950009420028730', bic: 'OKOYFIHH', language: undefined } });
  expect(put.status(), await put.text()).toBe(200);
  const email = `maija@${tenant.slug}.test`;
  const overdue = await issuedInvoice(api, tenant, { billingFirstName: 'Maija', billingLastName: 'Meikäläinen', email, streetAddress: 'Kauppakatu 3', postalCode: '02100', city: 'Espoo' });
  const fresh = await issuedInvoice(api, tenant, { billingFirstName: 'Ville', billingLastName: 'Vasta', email: `ville@${tenant.slug}.test`, streetAddress: 'Tie 2', postalCode: '02100', city: 'Espoo' });
  await api.dispose();
  await dueDaysAgo(tenant, overdue.id, 20);

  // Not yet due: the action is there but disabled, and the page says when it can be used.
  await signIn(page, tenant, staff, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/invoices/${fresh.id}`)}`);
  const freshReminders = page.getByRole('region', { name: 'Maksumuistutukset' });
  await expect(freshReminders.getByText('Maksumuistutuksen voi lähettää, kun lasku on erääntynyt eikä sitä ole maksettu.')).toBeVisible();
  await expect(freshReminders.getByRole('button', { name: 'Lähetä maksumuistutus' })).toBeDisabled();

  // Overdue: confirm, send, and the history shows it.
  await page.goto(`/t/${tenant.slug}/invoices/${overdue.id}`);
  const reminders = page.getByRole('region', { name: 'Maksumuistutukset' });
  await expect(reminders.getByText('Muistutuksia ei ole lähetetty.')).toBeVisible();
  await expectAccessible(page, 'an overdue invoice with no reminders');
  await reminders.getByRole('button', { name: 'Lähetä maksumuistutus' }).click();
  await expect(reminders.getByText('Lähetetäänkö maksumuistutus?')).toBeVisible();
  await expect(reminders.getByText(`Asiakas saa sähköpostilla muistutuksen laskusta ${overdue.number}`)).toBeVisible();
  await expectAccessible(page, 'the reminder confirmation');
  await snapshot(page, 'reminder-confirm');
  await reminders.getByRole('button', { name: 'Lähetä muistutus' }).click();
  await expect(reminders.getByText(`Maksumuistutus lähetetty osoitteeseen ${email}.`)).toBeVisible();
  const history = reminders.getByRole('list', { name: 'Lähetetyt muistutukset' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history.getByRole('listitem').first()).toContainText('1. muistutus');
  await expect(history.getByRole('listitem').first()).toContainText('lähetetty käsin');
  await expectAccessible(page, 'the invoice after a reminder');
  await snapshot(page, 'reminder-sent');
  const [, attached] = await fromMail(email, new RegExp(`filename=(lasku-${overdue.number}\\.pdf)`), 'the reminder e-mail');
  expect(attached).toBe(`lasku-${overdue.number}.pdf`);
  await fromMail(email, /(Muistutuksesta ei peritä maksua)/, 'the no-fee line');

  // The invoice list shows the reminder.
  await page.goto(`/t/${tenant.slug}/invoices`);
  const row = page.getByRole('row', { name: new RegExp(`Lasku ${overdue.number}\\b`) });
  await expect(row).toContainText('1 kpl, viimeisin');
  await snapshot(page, 'reminder-list');

  // The owner turns automatic reminders on.
  await page.context().clearCookies();
  await signIn(page, tenant, owner, `/t/${tenant.slug}/login?next=${encodeURIComponent(`/t/${tenant.slug}/settings`)}`);
  const section = page.getByRole('region', { name: 'Automaattiset maksumuistutukset' });
  await expect(section.getByRole('checkbox', { name: 'Lähetä maksumuistutukset automaattisesti' })).not.toBeChecked();
  await section.getByText('Lähetä maksumuistutukset automaattisesti').click();
  await section.getByLabel('Päiviä eräpäivän jälkeen').fill('21');
  await section.getByLabel('Muistutusten väli vähintään (päivää)').fill('7');
  await section.getByRole('button', { name: 'Tallenna muistutusasetukset' }).click();
  await expect(section.getByText('Kokonaisluku 14–365.').last()).toBeVisible();
  await expect(section.getByLabel('Muistutusten väli vähintään (päivää)')).toHaveAttribute('aria-invalid', 'true');
  await section.getByLabel('Muistutusten väli vähintään (päivää)').fill('14');
  await section.getByRole('button', { name: 'Tallenna muistutusasetukset' }).click();
  await expect(section.getByText('Muistutusasetukset tallennettu.')).toBeVisible();
  await expectAccessible(page, 'the reminder settings');
  await snapshot(page, 'reminder-settings');
  if (process.env.SCREENSHOT_DIR) await section.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'reminder-settings-section.png') });
  await page.reload();
  await expect(section.getByRole('checkbox', { name: 'Lähetä maksumuistutukset automaattisesti' })).toBeChecked();
  await expect(section.getByLabel('Päiviä eräpäivän jälkeen')).toHaveValue('21');
});
