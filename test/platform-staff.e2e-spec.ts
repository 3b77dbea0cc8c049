// Separation of duties for platform roles: one admin proposes a grant, a second one (never the proposer, never
// the grantee) approves it; revocation is immediate; every step is in the role history, listed for admins.
import { PlatformStaffService } from '@app/auth';
import { problemOf, TestContext, type Agent } from '@app/testing';

const STAFF = '/api/platform/staff';
const SEARCHES = '/api/platform/access-log/searches';
const search = { filters: { ip: '198.51.100.7' }, justification: 'Suspected credential stuffing from this address; ticket SEC-77.' };

interface HistoryEntry {
  role: string;
  action: string;
  actor: { id: string; email: string } | null;
  grantId: string | null;
  at: string;
}
interface StaffItem {
  id: string;
  roles: string[];
  pendingGrants: { id: string; role: string; proposedBy: { id: string } }[];
  roleHistory: HistoryEntry[];
}

describe('platform staff roles: two admins to grant, one to revoke', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const newAdmin = async () => {
    const admin = await ctx.newPlatformStaff(['platform_admin']);
    return { ...admin, agent: await ctx.loginPlatform(admin) };
  };
  /** A member of staff without roles, logged in: the grantee of the tests. */
  const newMember = async () => {
    const member = await ctx.newPlatformStaff([]);
    return { ...member, agent: await ctx.loginPlatform(member) };
  };
  const propose = async (admin: Agent, staffId: string, roles: string[]) => (await admin.put(`${STAFF}/${staffId}/roles`).send({ roles }).expect(200)).body as StaffItem;
  const approve = (admin: Agent, staffId: string, grantId: string) => admin.post(`${STAFF}/${staffId}/role-grants/${grantId}/approve`);
  const pendingOf = async (staffId: string) => ctx.sql<{ role: string }>(`select role from platform.platform_role_grant where staff_id = ? and status = 'pending'`, [staffId]);
  const historyOf = async (staffId: string) =>
    ctx.sql<{ role: string; action: string; actor_id: string | null }>(`select role, action, actor_id from platform.platform_role_change where staff_id = ? order by id`, [staffId]);
  /** Every member of staff, walking the list page by page. */
  const listAll = async (admin: Agent, limit: number): Promise<StaffItem[]> => {
    const items: StaffItem[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit, cursor } : { limit };
      const page = await admin.get(STAFF).query(query).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };

  it('refuses an admin granting themselves the investigator role, and changes nothing', async () => {
    const admin = await newAdmin();
    const res = await admin.agent.put(`${STAFF}/${admin.id}/roles`).send({ roles: ['platform_admin', 'access_log_investigator'] }).expect(403);
    expect(problemOf(res).type).toMatch(/separation-of-duties$/);
    expect(await pendingOf(admin.id)).toEqual([]);
    expect((await admin.agent.get('/api/platform/me').expect(200)).body.roles).toEqual(['platform_admin']);
    problemOf(await admin.agent.post(SEARCHES).send(search).expect(403));
    // Not through the service either, whatever the caller.
    await expect(ctx.get(PlatformStaffService).setRoles(await ctx.platformPrincipal(admin.id), admin.id, ['platform_admin', 'access_log_investigator'])).rejects.toMatchObject({ status: 403 });
    expect(await historyOf(admin.id)).toEqual([{ role: 'platform_admin', action: 'grant', actor_id: null }]);
  });

  it('only proposes a grant: the grantee is no investigator until a second admin approves', async () => {
    const proposer = await newAdmin();
    const member = await newMember();
    const proposed = await propose(proposer.agent, member.id, ['access_log_investigator']);
    expect(proposed.roles).toEqual([]);
    expect(proposed.pendingGrants).toEqual([expect.objectContaining({ role: 'access_log_investigator', proposedBy: expect.objectContaining({ id: proposer.id }) })]);
    problemOf(await member.agent.post(SEARCHES).send(search).expect(403));
    // Asking again does not stack proposals.
    expect((await propose(proposer.agent, member.id, ['access_log_investigator'])).pendingGrants).toHaveLength(1);
  });

  it('refuses approval by the admin who proposed the grant, and by the grantee', async () => {
    const proposer = await newAdmin();
    const grantee = await newAdmin(); // an admin, so only the rule (not the route's role check) can stop them
    const { pendingGrants } = await propose(proposer.agent, grantee.id, ['platform_admin', 'access_log_investigator']);
    const [grant] = pendingGrants;
    for (const agent of [proposer.agent, grantee.agent]) {
      expect(problemOf(await approve(agent, grantee.id, grant.id).expect(403)).type).toMatch(/separation-of-duties$/);
    }
    await expect(ctx.get(PlatformStaffService).approveGrant(await ctx.platformPrincipal(proposer.id), grantee.id, grant.id)).rejects.toMatchObject({ status: 403 });
    expect(await pendingOf(grantee.id)).toEqual([{ role: 'access_log_investigator' }]);
    problemOf(await grantee.agent.post(SEARCHES).send(search).expect(403));
    // The database holds the rule too: an approval by the proposer cannot be written even by hand.
    await expect(ctx.sql(`update platform.platform_role_grant set status = 'approved', decided_by = proposed_by, decided_at = now() where id = ?`, [grant.id])).rejects.toThrow(
      /platform_role_grant_second_admin/,
    );
  });

  it("applies a grant approved by a second admin on the grantee's next request of a live session", async () => {
    const proposer = await newAdmin();
    const approver = await newAdmin();
    const member = await newMember();
    const { pendingGrants } = await propose(proposer.agent, member.id, ['access_log_investigator']);
    problemOf(await member.agent.post(SEARCHES).send(search).expect(403));
    const approved = await approve(approver.agent, member.id, pendingGrants[0].id).expect(200);
    expect(approved.body).toMatchObject({ roles: ['access_log_investigator'], pendingGrants: [] });
    await member.agent.post(SEARCHES).send(search).expect(201);
    // A grant is approved once.
    problemOf(await approve(approver.agent, member.id, pendingGrants[0].id).expect(409));
    expect(await historyOf(member.id)).toEqual(
      expect.arrayContaining([
        { role: 'access_log_investigator', action: 'propose', actor_id: proposer.id },
        { role: 'access_log_investigator', action: 'approve', actor_id: approver.id },
      ]),
    );
  });

  it('lets exactly one of two admins approving at once win', async () => {
    const proposer = await newAdmin();
    const [one, two] = [await newAdmin(), await newAdmin()];
    const member = await newMember();
    const { pendingGrants } = await propose(proposer.agent, member.id, ['access_log_investigator']);
    const statuses = (await Promise.all([approve(one.agent, member.id, pendingGrants[0].id), approve(two.agent, member.id, pendingGrants[0].id)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409]);
    expect((await historyOf(member.id)).filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('needs a second admin for the admin role too, so nobody can make a second account of their own an approver', async () => {
    const admin = await newAdmin();
    const invited = await admin.agent.post(STAFF).send({ email: `sock-${Date.now()}@platform.test`, name: 'Sock', roles: ['platform_admin'] }).expect(201);
    expect(invited.body).toMatchObject({ roles: [], pendingGrants: [expect.objectContaining({ role: 'platform_admin' })] });
    expect(problemOf(await approve(admin.agent, invited.body.id, invited.body.pendingGrants[0].id).expect(403)).type).toMatch(/separation-of-duties$/);
  });

  it('revokes at once, by one admin, and withdraws a pending grant the same way', async () => {
    const admin = await newAdmin();
    const investigator = await ctx.newPlatformStaff(['access_log_investigator']);
    const agent = await ctx.loginPlatform(investigator);
    await agent.post(SEARCHES).send(search).expect(201);
    const revoked = await admin.agent.put(`${STAFF}/${investigator.id}/roles`).send({ roles: [] }).expect(200);
    expect(revoked.body).toMatchObject({ roles: [], pendingGrants: [] });
    problemOf(await agent.post(SEARCHES).send(search).expect(403));

    await propose(admin.agent, investigator.id, ['access_log_investigator']);
    const withdrawn = await admin.agent.put(`${STAFF}/${investigator.id}/roles`).send({ roles: [] }).expect(200);
    expect(withdrawn.body.pendingGrants).toEqual([]);
    expect(await pendingOf(investigator.id)).toEqual([]);
  });

  it('lists every member of staff with roles, pending grants and the whole role history, page by page', async () => {
    const proposer = await newAdmin();
    const approver = await newAdmin();
    const member = await newMember();
    const first = await propose(proposer.agent, member.id, ['access_log_investigator']);
    await approve(approver.agent, member.id, first.pendingGrants[0].id).expect(200);
    await proposer.agent.put(`${STAFF}/${member.id}/roles`).send({ roles: [] }).expect(200);
    const second = await propose(proposer.agent, member.id, ['access_log_investigator']);

    const all = await listAll(proposer.agent, 2);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([proposer.id, approver.id, member.id]));
    const item = all.find((s) => s.id === member.id)!;
    expect(item).toMatchObject({ roles: [], pendingGrants: [{ id: second.pendingGrants[0].id, role: 'access_log_investigator', proposedBy: { id: proposer.id } }] });
    const steps = item.roleHistory.map((h) => [h.action, h.role, h.actor?.id ?? null, h.grantId]);
    expect(steps).toEqual([
      ['grant', 'platform_admin', null, null], // the factory's account, made as the CLI makes one
      ['revoke', 'platform_admin', expect.any(String), null],
      ['propose', 'access_log_investigator', proposer.id, first.pendingGrants[0].id],
      ['approve', 'access_log_investigator', approver.id, first.pendingGrants[0].id],
      ['revoke', 'access_log_investigator', proposer.id, null],
      ['propose', 'access_log_investigator', proposer.id, second.pendingGrants[0].id],
    ]);
    expect(item.roleHistory.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(item.roleHistory.find((h) => h.action === 'approve')!.actor).toMatchObject({ id: approver.id, email: approver.email });
    // The same order whatever the page size.
    expect((await listAll(proposer.agent, 200)).map((s) => s.id)).toEqual(all.map((s) => s.id));
    problemOf(await proposer.agent.get(STAFF).query({ limit: 201 }).expect(400));
    problemOf(await proposer.agent.get(STAFF).query({ cursor: 'not-ours' }).expect(400));
  });

  it('answers 404 for a grant that is not this member’s', async () => {
    const proposer = await newAdmin();
    const approver = await newAdmin();
    const [one, two] = [await newMember(), await newMember()];
    const { pendingGrants } = await propose(proposer.agent, one.id, ['access_log_investigator']);
    problemOf(await approve(approver.agent, two.id, pendingGrants[0].id).expect(404));
    problemOf(await approve(approver.agent, one.id, '00000000-0000-4000-8000-000000000000').expect(404));
    problemOf(await approve(approver.agent, one.id, 'not-a-uuid').expect(400));
  });

  it('refuses listing, proposing and approving to anyone but platform admins', async () => {
    const proposer = await newAdmin();
    const member = await newMember();
    const { pendingGrants } = await propose(proposer.agent, member.id, ['access_log_investigator']);
    const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
    const tenant = await ctx.newTenant();
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    for (const agent of [investigator, member.agent, owner]) {
      problemOf(await agent.get(STAFF).expect(403));
      problemOf(await agent.put(`${STAFF}/${member.id}/roles`).send({ roles: ['access_log_investigator'] }).expect(403));
      problemOf(await approve(agent, member.id, pendingGrants[0].id).expect(403));
    }
    problemOf(await ctx.http().get(STAFF).expect(401));
    problemOf(await approve(ctx.agent(), member.id, pendingGrants[0].id).expect(401));
    expect(await pendingOf(member.id)).toEqual([{ role: 'access_log_investigator' }]);
  });
});
