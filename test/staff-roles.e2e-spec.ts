// Owners change staff roles (staff <-> owner): the change is audited, applies on the member's next request
// (the principal is re-read on every request), and a business always keeps an owner who can sign in.
import { problemOf, TestContext, type TestTenant } from '@app/testing';

describe('staff roles', () => {
  let ctx: TestContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
  });
  afterAll(() => ctx.close());

  const role = (slug: string, id: string) => `/api/t/${slug}/staff/${id}/role`;

  it('makes a member owner, effective on their next request in the same session, and audited', async () => {
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const member = await ctx.newTenantStaff(tenant);
    const session = await ctx.loginTenant(tenant, member);
    await session.get(`/api/t/${tenant.slug}/staff`).expect(403);

    const changed = await owner.put(role(tenant.slug, member.id)).send({ role: 'owner' }).expect(200);
    expect(changed.body).toMatchObject({ id: member.id, role: 'owner' });
    expect((await session.get(`/api/t/${tenant.slug}/me`).expect(200)).body.role).toBe('owner');
    await session.get(`/api/t/${tenant.slug}/staff`).expect(200);

    await owner.put(role(tenant.slug, member.id)).send({ role: 'staff' }).expect(200);
    await session.get(`/api/t/${tenant.slug}/staff`).expect(403);

    const audit = await ctx.sql<{ actor: string; action: string; fields: string[] }>(
      `select actor, action, fields from "${tenant.schema}".audit_event where subject_id = ? and action = 'staff.role_changed' order by id`,
      [member.id],
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: 'staff.role_changed', fields: ['role'] });
    expect(audit[0].actor).toMatch(new RegExp(`^tenant-staff:${tenant.id}:`));
  });

  it('refuses staff changing roles, their own included', async () => {
    const member = await ctx.newTenantStaff(tenant);
    const session = await ctx.loginTenant(tenant, member);
    problemOf(await session.put(role(tenant.slug, member.id)).send({ role: 'owner' }).expect(403));
  });

  it('never demotes the last owner who can sign in, and says why', async () => {
    const lone = await ctx.newTenant();
    const owner = await ctx.loginTenant(lone, lone.owner);
    const me = (await owner.get(`/api/t/${lone.slug}/me`).expect(200)).body as { id: string };
    // An invited owner who has not set a password cannot sign in: they do not count.
    const invited = await owner.post(`/api/t/${lone.slug}/staff`).send({ email: `invited@${lone.slug}.test`, name: 'Invited Owner', role: 'owner' }).expect(201);

    const refused = problemOf(await owner.put(role(lone.slug, me.id)).send({ role: 'staff' }).expect(409));
    expect(refused.type).toMatch(/last-owner$/);
    expect(refused.detail).toMatch(/another member an owner first/);
    expect((await owner.get(`/api/t/${lone.slug}/me`).expect(200)).body.role).toBe('owner');
    expect(invited.body.role).toBe('owner');

    // With a second owner who can sign in, the first may step down.
    const second = await ctx.newTenantStaff(lone, 'owner');
    await owner.put(role(lone.slug, me.id)).send({ role: 'staff' }).expect(200);
    await owner.get(`/api/t/${lone.slug}/staff`).expect(403);
    const secondSession = await ctx.loginTenant(lone, second);
    expect(problemOf(await secondSession.put(role(lone.slug, second.id)).send({ role: 'staff' }).expect(409)).type).toMatch(/last-owner$/);
  });

  it('keeps an owner who can sign in when an owner steps down while disabling the other owner at once', async () => {
    for (let round = 0; round < 4; round++) {
      const lone = await ctx.newTenant();
      const owner = await ctx.loginTenant(lone, lone.owner);
      const me = (await owner.get(`/api/t/${lone.slug}/me`).expect(200)).body as { id: string };
      const second = await ctx.newTenantStaff(lone, 'owner');
      const answers = await Promise.all([owner.put(role(lone.slug, me.id)).send({ role: 'staff' }), owner.post(`/api/t/${lone.slug}/staff/${second.id}/disable`).send({})]);
      const owners = await ctx.sql(`select id from "${lone.schema}".staff_user where role = 'owner' and disabled_at is null and password_hash is not null`);
      expect(owners).toHaveLength(1);
      // The one that came second is refused: the last owner (409), or the actor no longer an owner (403).
      const refused = answers.filter((a) => a.status !== 200);
      expect(refused).toHaveLength(1);
      expect([403, 409]).toContain(refused[0].status);
    }
  });

  it('validates the role and finds only members of its own tenant', async () => {
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const member = await ctx.newTenantStaff(tenant);
    const bad = problemOf(await owner.put(role(tenant.slug, member.id)).send({ role: 'admin' }).expect(400));
    expect(bad.errors?.map((e) => e.field)).toEqual(['role']);
    const other = await ctx.newTenant();
    const stranger = await ctx.newTenantStaff(other);
    await owner.put(role(tenant.slug, stranger.id)).send({ role: 'owner' }).expect(404);
  });
});
