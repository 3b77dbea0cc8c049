// Issuing an invitation is one flow for the three realms (AccountInvitationsService): for each, the mail goes
// through the outbox with the link the route answers, the link works once, it stops working INVITATION_DAYS after
// the app's clock issued it, and only those the realm allows may invite (a refused invitation mails nothing).
import { randomBytes } from 'node:crypto';
import { PlatformStaffService } from '@app/auth';
import { type Actor, ForbiddenProblem, INVITATION_DAYS, NotFoundProblem, systemActor, UnauthenticatedProblem } from '@app/core';
import { PortalAccountsService } from '@app/portal';
import { TenancyService, TenantContext, TenantMembersService } from '@app/tenancy';
import { invitationToken, problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';
import type { Response } from 'supertest';

const DAY = 86_400_000;
const password = () => `a long passphrase ${randomBytes(4).toString('hex')}`;
let counter = 0;
const email = (realm: string) => `invitee-${realm}-${Date.now().toString(36)}${counter++}@invitations.test`;

interface RealmCase {
  name: 'platform' | 'tenant-staff' | 'customer';
  /** Issues an invitation the way the product does (an HTTP route, as one who may); answers the response. */
  invite(): Promise<Response>;
  accept(token: string, password: string): Promise<Response>;
  /** The console page the link opens, and words of the realm's mail. */
  page: () => string;
  says: string;
}

describe('invitations: one flow for platform staff, tenant staff and portal customers', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: Agent;
  let otherOwner: Agent;
  let staff: Agent;
  let admin: Agent;
  let realms: Record<RealmCase['name'], RealmCase>;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant({ legalName: 'Kutsuva Oy' });
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    otherOwner = await ctx.loginTenant(other, other.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    admin = await ctx.newPlatformAdminAgent();
    const t = `/api/t/${tenant.slug}`;
    realms = {
      platform: {
        name: 'platform',
        invite: () => admin.post('/api/platform/staff').send({ email: email('platform'), name: 'Kutsuttu', roles: [] }),
        accept: (token, pw) => ctx.http().post('/api/platform/invitations/accept').send({ token, password: pw }),
        page: () => '/platform/invitation',
        says: 'You have been invited to the Rekisteri platform.',
      },
      'tenant-staff': {
        name: 'tenant-staff',
        invite: () => owner.post(`${t}/staff`).send({ email: email('staff'), name: 'Kutsuttu', role: 'staff' }),
        accept: (token, pw) => ctx.http().post(`${t}/invitations/accept`).send({ token, password: pw }),
        page: () => `/t/${tenant.slug}/invitation`,
        says: 'You have been invited to the customer register.',
      },
      customer: {
        name: 'customer',
        invite: async () => {
          const customer = await ctx.newCustomer(tenant, { email: email('customer') });
          return owner.post(`${t}/customers/${customer.id}/portal-invitation`);
        },
        accept: (token, pw) => ctx.http().post(`${t}/portal/invitations/accept`).send({ token, password: pw }),
        page: () => `/t/${tenant.slug}/portal/invitation`,
        says: 'Kutsuva Oy invites you to its customer portal',
      },
    };
  });
  afterAll(() => ctx.close());

  /** Invitation mails queued so far (the outbox's records; they hold no addresses). */
  const queuedInvitations = async () => Number((await ctx.sql<{ n: string }>(`select count(*) as n from platform.outbox_message where topic = 'invitation'`))[0].n);
  const invalid = (res: Response) => expect(problemOf(res).type).toMatch(/invitation-invalid$/);

  describe.each(['platform', 'tenant-staff', 'customer'] as const)('%s', (name) => {
    it('mails the link through the outbox, and the link works once', async () => {
      const realm = realms[name];
      const before = await queuedInvitations();
      const invited = await realm.invite();
      expect(invited.status).toBe(201);
      expect(invited.body.invitationUrl).toContain(`${realm.page()}#token=`);
      const token = invitationToken(invited.body.invitationUrl);
      expect(await queuedInvitations()).toBe(before + 1);

      const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const mailed = await ctx.mailMatching(invited.body.email, new RegExp(`${escaped(realm.says)}[\\s\\S]*${escaped(realm.page())}#token=([A-Za-z0-9_-]+)`));
      expect(mailed[1]).toBe(token);

      const pw = password();
      expect((await realm.accept(token, pw)).status).toBe(204);
      invalid(await realm.accept(token, password()));
    });

    it(`stops working ${INVITATION_DAYS} days after the app's clock issued it`, async () => {
      const realm = realms[name];
      const expired = new Date(Date.now() - (INVITATION_DAYS + 1) * DAY);
      const late = await ctx.at(expired, () => realm.invite());
      expect(late.status).toBe(201);
      expect(new Date(late.body.invitationExpiresAt).getTime()).toBe(expired.getTime() + INVITATION_DAYS * DAY);
      invalid(await realm.accept(invitationToken(late.body.invitationUrl), password()));

      const recent = await ctx.at(new Date(Date.now() - (INVITATION_DAYS - 1) * DAY), () => realm.invite());
      expect((await realm.accept(invitationToken(recent.body.invitationUrl), password())).status).toBe(204);
    });
  });

  describe('who may invite', () => {
    const inTenant = <T>(t: TestTenant, step: () => Promise<T>) =>
      ctx.get(TenancyService).findScope(t.slug).then((scope) => ctx.get(TenantContext).run(scope!, step));
    const staffPrincipal = (t: TestTenant, role: 'owner' | 'staff'): Actor => ({ kind: 'tenant-staff', id: '00000000-0000-4000-8000-000000000001', email: 'x@x.test', name: 'X', role, tenantId: t.id, tenantSlug: t.slug });

    it('a member of staff cannot invite staff, nor can another tenant\'s owner; nothing is mailed', async () => {
      const before = await queuedInvitations();
      const body = { email: email('staff'), name: 'Ei', role: 'staff' as const };
      problemOf(await staff.post(`/api/t/${tenant.slug}/staff`).send(body).expect(403));
      await otherOwner.post(`/api/t/${tenant.slug}/staff`).send(body).expect(404);
      // The service checks too, not only the route.
      const members = ctx.get(TenantMembersService);
      await expect(inTenant(tenant, () => members.invite(staffPrincipal(tenant, 'staff'), body))).rejects.toBeInstanceOf(ForbiddenProblem);
      await expect(inTenant(tenant, () => members.invite(staffPrincipal(other, 'owner'), body))).rejects.toBeInstanceOf(NotFoundProblem);
      expect(await queuedInvitations()).toBe(before);
    });

    it('staff may invite a customer of their tenant to the portal; another tenant\'s owner may not; nothing is mailed', async () => {
      const customer = await ctx.newCustomer(tenant, { email: email('customer') });
      const before = await queuedInvitations();
      problemOf(await otherOwner.post(`/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`).expect(404));
      const accounts = ctx.get(PortalAccountsService);
      await expect(inTenant(tenant, () => accounts.invite(staffPrincipal(other, 'owner'), customer.id))).rejects.toBeInstanceOf(NotFoundProblem);
      const self: Actor = { kind: 'customer', id: customer.id, email: customer.email!, tenantId: tenant.id, tenantSlug: tenant.slug };
      await expect(inTenant(tenant, () => accounts.invite(self, customer.id))).rejects.toBeInstanceOf(NotFoundProblem);
      expect(await queuedInvitations()).toBe(before);
      await staff.post(`/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`).expect(201);
      expect(await queuedInvitations()).toBe(before + 1);
    });

    it('only a platform admin invites platform staff, never the system; nothing is mailed', async () => {
      const before = await queuedInvitations();
      const body = { email: email('platform'), name: 'Ei', roles: [] };
      const member = await ctx.loginPlatform(await ctx.newPlatformStaff([]));
      problemOf(await member.post('/api/platform/staff').send(body).expect(403));
      const platformStaff = ctx.get(PlatformStaffService);
      await expect(platformStaff.invite(systemActor('test'), body)).rejects.toBeInstanceOf(UnauthenticatedProblem);
      await expect(platformStaff.invite(staffPrincipal(tenant, 'owner'), body)).rejects.toBeInstanceOf(ForbiddenProblem);
      expect(await queuedInvitations()).toBe(before);
    });

    it('an address already taken refuses the invitation and mails nothing', async () => {
      const before = await queuedInvitations();
      problemOf(await owner.post(`/api/t/${tenant.slug}/staff`).send({ email: tenant.owner.email, name: 'Toinen', role: 'staff' }).expect(409));
      expect(await queuedInvitations()).toBe(before);
    });
  });
});
