// Consent rules, reached through ConsentService without HTTP.
import { randomUUID } from 'node:crypto';
import { systemActor } from '@app/core';
import { ConsentService } from '@app/consent';
import { RequestsService } from '@app/requests';
import { RegisterSettingsService } from '@app/privacy-notice';
import type { TenantScope } from '@app/tenancy';
import { ServiceTestContext } from '@app/testing';

const staff = { channel: 'staff_written_request', source: 'staff' } as const;
const portal = { channel: 'portal', source: 'portal' } as const;
const byStaff = systemActor('staff:test');
const byPerson = systemActor('portal:test');

describe('ConsentService', () => {
  let ctx: ServiceTestContext;
  let tenant: TenantScope;
  let consent: ConsentService;

  beforeAll(async () => {
    ctx = await ServiceTestContext.create();
    tenant = await ctx.newTenant();
    consent = ctx.get(ConsentService);
  });
  afterAll(() => ctx?.close());

  const inTenant = <T>(step: () => Promise<T>) => ctx.inTenant(tenant, step);

  it('records a change of mind, not a repeated click', async () => {
    const { id } = await ctx.newCustomer(tenant);
    await inTenant(() => consent.set(byPerson, id, 'marketing_email', true, portal));
    await inTenant(() => consent.set(byPerson, id, 'marketing_email', true, portal));
    await inTenant(() => consent.set(byPerson, id, 'marketing_email', false, portal));
    expect((await inTenant(() => consent.history(id))).map((e) => e.action)).toEqual(['granted', 'withdrawn']);
  });

  it('after an objection to direct marketing takes only the person’s own consent', async () => {
    const { id } = await ctx.newCustomer(tenant);
    await inTenant(() => ctx.get(RequestsService).record(systemActor('test'), { customerId: id, type: 'objection', channel: 'email' }));
    await expect(inTenant(() => consent.set(byStaff, id, 'marketing_email', true, staff))).rejects.toMatchObject({ code: 'objection-needs-own-consent', status: 409 });
    await expect(inTenant(() => consent.set(byStaff, id, 'marketing_email', true, { ...staff, evidence: 'Signed form of 2026-12-01, in the binder' }))).resolves.toMatchObject({ granted: true });
  });

  it('takes no consent for a channel the register settings do not list, yet always lets it be withdrawn', async () => {
    const { id } = await ctx.newCustomer(tenant);
    await inTenant(() => consent.set(byPerson, id, 'marketing_sms', true, portal));
    const settings = ctx.get(RegisterSettingsService);
    const current = await inTenant(() => settings.get());
    const owner = { kind: 'tenant-staff', id: randomUUID(), email: 'owner@test', name: 'Owner', role: 'owner', tenantId: tenant.tenantId, tenantSlug: tenant.slug } as const;
    await inTenant(() => settings.update(owner, { version: current.version, marketingChannels: ['email'] }));
    await expect(inTenant(() => consent.set(byPerson, id, 'marketing_sms', true, portal))).rejects.toMatchObject({ code: 'consent-channel-not-offered' });
    await expect(inTenant(() => consent.set(byPerson, id, 'marketing_sms', false, portal))).resolves.toMatchObject({ granted: false });
  });

  it('records a written consent for staff of this tenant only, naming who recorded it', async () => {
    const { id } = await ctx.newCustomer(tenant);
    const clerk = { kind: 'tenant-staff', id: randomUUID(), email: 'clerk@test', name: 'Clerk', role: 'staff', tenantId: tenant.tenantId, tenantSlug: tenant.slug } as const;
    const written = { granted: true, evidence: 'Signed form of 2026-12-01, in the binder' };
    await expect(inTenant(() => consent.recordWritten({ kind: 'customer', id, email: 'me@test', tenantId: tenant.tenantId, tenantSlug: tenant.slug }, id, 'marketing_email', written))).rejects.toMatchObject({ status: 404 });
    await expect(inTenant(() => consent.recordWritten({ ...clerk, tenantId: randomUUID() }, id, 'marketing_email', written))).rejects.toMatchObject({ status: 404 });
    await inTenant(() => consent.recordWritten(clerk, id, 'marketing_email', written));
    expect((await inTenant(() => consent.history(id))).map((e) => [e.actor, e.recordedBy, e.recordedByName])).toEqual([
      [`tenant-staff:${tenant.tenantId}:${clerk.id}`, `tenant-staff:${tenant.tenantId}:${clerk.id}`, 'Clerk'],
    ]);
  });
});
