// Two people edit the same customer. The second to save is told what the first changed; their own edits to
// other fields are kept, and where both changed a field they can put theirs back, then save again.
import { expect, expectAccessible, signedInApi, signIn, snapshot, tenantWithStaff, test } from './fixtures';

test('a conflicting edit shows what changed and lets the user redo theirs', async ({ page }) => {
  const { tenant, owner, staff } = await tenantWithStaff();
  const colleague = await signedInApi(tenant, owner);
  const created = await colleague.post(`/api/t/${tenant.slug}/customers`, {
    data: { billingFirstName: 'Ville', billingLastName: 'Virtanen', email: 'ville@example.fi', city: 'Espoo', phone: '0401111111' },
  });
  const customer = (await created.json()) as { id: string; version: number };

  await signIn(page, tenant, staff, `/t/${tenant.slug}/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ville Virtanen' })).toBeVisible();
  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByLabel('Postitoimipaikka').fill('Vantaa');
  await page.getByLabel('Puhelin').fill('0402222222');

  // Meanwhile the owner changes the city and the e-mail.
  const change = await colleague.patch(`/api/t/${tenant.slug}/customers/${customer.id}`, { data: { version: customer.version, city: 'Helsinki', email: 'ville.virtanen@example.fi' } });
  expect(change.status()).toBe(200);

  await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Joku muu muutti asiakkaan tietoja samaan aikaan' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Postitoimipaikka: Espoo → Helsinki');
  await expect(notice).toContainText('Sähköposti: ville@example.fi → ville.virtanen@example.fi');
  await expect(notice).toContainText('sinun arvosi oli Vantaa.');
  // Their e-mail and city are on the form; my phone number is kept.
  await expect(page.getByLabel('Sähköposti')).toHaveValue('ville.virtanen@example.fi');
  await expect(page.getByLabel('Postitoimipaikka')).toHaveValue('Helsinki');
  await expect(page.getByLabel('Puhelin')).toHaveValue('0402222222');
  await expectAccessible(page, 'the customer form after a conflict');
  await snapshot(page, 'customer-conflict');

  await notice.getByRole('button', { name: 'Käytä omaa arvoani (Postitoimipaikka)' }).click();
  await expect(page.getByLabel('Postitoimipaikka')).toHaveValue('Vantaa');
  await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
  await expect(page.getByText('Muutokset on tallennettu.')).toBeVisible();

  const stored = (await (await colleague.get(`/api/t/${tenant.slug}/customers/${customer.id}`)).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({ city: 'Vantaa', email: 'ville.virtanen@example.fi', phone: '+358402222222', version: customer.version + 2 });
  await colleague.dispose();
});
