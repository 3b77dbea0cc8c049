// Invoice arithmetic and credit rules, reached through BillingService without HTTP.
import { randomUUID } from 'node:crypto';
import { BillingService } from '@app/billing';
import { systemActor, type TenantStaffPrincipal } from '@app/core';
import type { TenantScope } from '@app/tenancy';
import { ServiceTestContext } from '@app/testing';

const actor = systemActor('test');
const line = (unitPriceCents: number, vatRate: number, quantity = 1) => ({ description: 'Palvelu', quantity, unitPriceCents, vatRate });

describe('BillingService', () => {
  let ctx: ServiceTestContext;
  let tenant: TenantScope;
  let customerId: string;
  let billing: BillingService;

  beforeAll(async () => {
    ctx = await ServiceTestContext.create();
    tenant = await ctx.newTenant();
    customerId = (await ctx.newCustomer(tenant, { companyName: 'Yritys Oy' })).id;
    billing = ctx.get(BillingService);
  });
  afterAll(() => ctx?.close());

  const inTenant = <T>(step: () => Promise<T>) => ctx.inTenant(tenant, step);
  const issued = (lines: ReturnType<typeof line>[]) =>
    inTenant(async () => {
      const draft = await billing.createDraft(actor, { customerId, lines });
      return billing.issue(actor, draft.id, {});
    });

  it('rounds VAT once per rate, on the sum of the nets, half away from zero', async () => {
    // Three lines of 1 cent at 25.5 %: 0.255 cents each would round to nothing; 3 cents give 0.765, so 1.
    // Five cents at 10 % are 0.5 cents of VAT exactly: half rounds up, away from zero.
    const invoice = await inTenant(() => billing.createDraft(actor, { customerId, lines: [line(1, 25.5), line(1, 25.5), line(1, 25.5), line(5, 10)] }));
    expect(invoice.totals).toEqual({
      netCents: 8,
      vatCents: 2,
      grossCents: 10,
      byRate: [
        { vatRate: 25.5, netCents: 3, vatCents: 1, grossCents: 4 },
        { vatRate: 10, netCents: 5, vatCents: 1, grossCents: 6 },
      ],
    });
  });

  it('rounds a line net once, from the quantity in thousandths', async () => {
    // 0.333 × 10.00 € = 3.33 €; 1.5 × 0.03 € = 0.045 € → 5 cents (half away from zero).
    const invoice = await inTenant(() => billing.createDraft(actor, { customerId, lines: [line(1000, 0, 0.333), line(3, 0, 1.5)] }));
    expect(invoice.lines.map((l) => l.netCents)).toEqual([333, 5]);
    expect(invoice.totals.grossCents).toBe(338);
  });

  it('credits an issued invoice with a note that mirrors it to the cent, rounding away from zero the other way', async () => {
    const original = await issued([line(5, 10), line(1999, 25.5)]);
    const note = await inTenant(() => billing.credit(actor, original.id, { reason: 'Väärä asiakas' }));
    expect(note).toMatchObject({ kind: 'credit_note', status: 'issued' });
    expect(note.totals.grossCents).toBe(-original.totals.grossCents);
    expect(note.totals.vatCents).toBe(-original.totals.vatCents);
    // 19.99 € at 25.5 % carries 5.09745 € of VAT, so 5.10; 0.05 € at 10 % carries half a cent, so 1 cent; the note -5.10 and -1 cent.
    expect(original.totals.byRate.map((r) => r.vatCents)).toEqual([510, 1]);
    expect(note.totals.byRate.map((r) => r.vatCents)).toEqual([-510, -1]);
    expect((await inTenant(() => billing.get(original.id))).status).toBe('credited');
  });

  it('credits an invoice once, and never a draft or a credit note', async () => {
    const original = await issued([line(1000, 25.5)]);
    const note = await inTenant(() => billing.credit(actor, original.id, { reason: 'Peruttu' }));
    await expect(inTenant(() => billing.credit(actor, original.id, { reason: 'Taas' }))).rejects.toMatchObject({ code: 'invoice-not-creditable', status: 409 });
    await expect(inTenant(() => billing.credit(actor, note.id, { reason: 'Hyvitys hyvityksestä' }))).rejects.toMatchObject({ code: 'invoice-not-creditable' });
    const draft = await inTenant(() => billing.createDraft(actor, { customerId, lines: [line(1000, 25.5)] }));
    await expect(inTenant(() => billing.credit(actor, draft.id, { reason: 'Luonnos' }))).rejects.toMatchObject({ code: 'invoice-not-creditable' });
  });

  it('refuses a payment larger than what is outstanding, and counts partial ones', async () => {
    const invoice = await issued([line(1000, 0)]);
    const today = ctx.clock.today();
    await expect(inTenant(() => billing.recordPayment(actor, invoice.id, { amountCents: 1001, paidOn: today }))).rejects.toMatchObject({ code: 'overpayment', extensions: { outstandingCents: 1000 } });
    expect((await inTenant(() => billing.recordPayment(actor, invoice.id, { amountCents: 400, paidOn: today }))).status).toBe('partially_paid');
    expect((await inTenant(() => billing.recordPayment(actor, invoice.id, { amountCents: 600, paidOn: today }))).status).toBe('paid');
  });

  it('reverses a payment for an owner of this tenant only', async () => {
    const invoice = await issued([line(1000, 0)]);
    const paid = await inTenant(() => billing.recordPayment(actor, invoice.id, { amountCents: 1000, paidOn: ctx.clock.today() }));
    const paymentId = paid.payments[0].id;
    const owner: TenantStaffPrincipal = { kind: 'tenant-staff', id: randomUUID(), email: 'owner@test', name: 'Owner', role: 'owner', tenantId: tenant.tenantId, tenantSlug: tenant.slug };
    const reverse = (by: Parameters<BillingService['reversePayment']>[0]) => inTenant(() => billing.reversePayment(by, invoice.id, paymentId, { reason: 'Kirjattu väärälle laskulle' }));
    await expect(reverse({ ...owner, role: 'staff' })).rejects.toMatchObject({ status: 403 });
    await expect(reverse({ ...owner, tenantId: randomUUID() })).rejects.toMatchObject({ status: 404 });
    await expect(reverse(actor)).rejects.toMatchObject({ status: 401 });
    expect((await reverse(owner)).payments[0].reversedAt).not.toBeNull();
  });
});
