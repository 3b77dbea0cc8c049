// The password rule wherever a password is set: staff and portal invitations, platform staff invitations,
// and the first platform admin from the configuration. Common, breached, guessable and blank ones are refused
// with a field error that explains the rule, and the invitation stays usable for a good one.
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@app/core';
import { FirstAdminService } from '@app/auth';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const WEAK = ['password1234', '123456789012', ' '.repeat(12), 'Password1234!'];
const tokenOf = (invitationUrl: string) => invitationUrl.split('#token=')[1];

describe('password rule', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  /** Each weak password answers 400 with a `password` field error; then a good one is taken. */
  async function refusesWeakThenAccepts(route: string, token: string): Promise<string> {
    const answers = [];
    for (const password of WEAK) {
      const res = await ctx.http().post(route).send({ token, password });
      answers.push({ password, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) });
      if (res.status === 400) expect(problemOf(res).errors?.[0].message).toMatch(/common|guess|spaces/);
    }
    expect(answers).toEqual(WEAK.map((password) => ({ password, status: 400, fields: ['password'] })));
    const good = `a good passphrase ${randomBytes(4).toString('hex')}`;
    await ctx.http().post(route).send({ token, password: good }).expect(204);
    return good;
  }

  it('applies to a member of staff accepting an invitation', async () => {
    const invited = await owner.post(`${t}/staff`).send({ email: 'kaisa@studio.test', name: 'Kaisa', role: 'staff' }).expect(201);
    const password = await refusesWeakThenAccepts(`${t}/invitations/accept`, tokenOf(invited.body.invitationUrl));
    await ctx.loginTenant(tenant, { email: 'kaisa@studio.test', password });
  });

  it('applies to a customer accepting a portal invitation', async () => {
    const customer = await ctx.newCustomer(tenant);
    const invited = await owner.post(`${t}/customers/${customer.id}/portal-invitation`).expect(201);
    const password = await refusesWeakThenAccepts(`${t}/portal/invitations/accept`, tokenOf(invited.body.invitationUrl));
    await ctx.loginPortal(tenant, { email: customer.email!, password });
  });

  it('applies to platform staff accepting an invitation', async () => {
    const admin = await ctx.newPlatformAdminAgent();
    const invited = await admin.post('/api/platform/staff').send({ email: 'pia@platform.test', name: 'Pia', roles: ['platform_admin'] }).expect(201);
    const password = await refusesWeakThenAccepts('/api/platform/invitations/accept', tokenOf(invited.body.invitationUrl));
    await ctx.loginPlatform({ email: 'pia@platform.test', password });
  });

  it('looks at the token first: a made-up one is refused as such, whatever the password', async () => {
    const res = await ctx.http().post(`${t}/invitations/accept`).send({ token: 'x'.repeat(43), password: 'password1234' }).expect(400);
    expect(problemOf(res).type).toMatch(/invitation-invalid$/);
  });

  it('refuses a weak PLATFORM_ADMIN_PASSWORD when creating the first admin from the configuration', async () => {
    // No admin may exist for the configuration to be used: set the others aside for this test.
    const aside = await ctx.sql<{ id: string }>(`update platform.platform_staff set disabled_at = now() where disabled_at is null returning id`);
    const config = ctx.get(AppConfig);
    const first = ctx.get(FirstAdminService);
    const created = async () => (await ctx.sql(`select 1 from platform.platform_staff where email = 'first@platform.test'`)).length;
    try {
      Object.assign(config, { platformAdminEmail: 'first@platform.test', platformAdminPassword: 'password1234' });
      await expect(first.ensure({ embedded: false, print: () => undefined })).rejects.toThrow(/^PLATFORM_ADMIN_PASSWORD: password is a commonly used/);
      expect(await created()).toBe(0);
      Object.assign(config, { platformAdminPassword: `a good passphrase ${randomBytes(4).toString('hex')}` });
      await first.ensure({ embedded: false, print: () => undefined });
      expect(await created()).toBe(1);
    } finally {
      Object.assign(config, { platformAdminEmail: undefined, platformAdminPassword: undefined });
      await ctx.sql(`update platform.platform_staff set disabled_at = null where id::text = any(string_to_array(?, ','))`, [aside.map((r) => r.id).join(',')]);
    }
  });
});
