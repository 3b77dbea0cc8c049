// Sessions: new id at login, dead after logout, roles re-read on every request, throttling, equal answers.
import { AppConfig } from '@app/core';
import { PlatformStaffService, sessionCookieName } from '@app/auth';
import { PG_POOL } from '@app/database';
import { problemOf, TestContext } from '@app/testing';
import type { Pool } from 'pg';

const sessionIdOf = (setCookie: string[] | string | undefined, name: string): string | undefined => {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = cookies.find((c) => c.startsWith(name + '='));
  return cookie?.split(';')[0].slice(name.length + 1);
};

/** The store's id inside a signed cookie value (`s:<sid>.<signature>`, URL-encoded). */
const storedSid = (cookieValue: string): string => decodeURIComponent(cookieValue).slice(2).split('.')[0];

describe('sessions', () => {
  let ctx: TestContext;
  let cookieName: string;

  beforeAll(async () => {
    // Behind a trusted proxy (loopback), so that tests can sign in from several client addresses.
    ctx = await TestContext.create({ loginMaxFailuresPerAccountAndAddress: 3, loginMaxFailuresPerAccount: 8, trustProxy: 'loopback' });
    cookieName = sessionCookieName(ctx.get(AppConfig));
  });
  afterAll(() => ctx.close());

  it('sets a strict, HttpOnly cookie and issues a new session id at login; the old id is dead', async () => {
    const staff = await ctx.newPlatformStaff();
    // A pre-login session (a failed attempt does not create one, so plant one the way an attacker would).
    const first = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(200);
    const cookie = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(cookieName))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const firstId = sessionIdOf(first.headers['set-cookie'], cookieName)!;

    const second = await ctx
      .http()
      .post('/api/platform/login')
      .set('Cookie', `${cookieName}=${firstId}`)
      .send({ email: staff.email, password: staff.password })
      .expect(200);
    const secondId = sessionIdOf(second.headers['set-cookie'], cookieName)!;
    expect(secondId).toBeDefined();
    expect(secondId).not.toBe(firstId);
    await ctx.http().get('/api/platform/me').set('Cookie', `${cookieName}=${secondId}`).expect(200);
    problemOf(await ctx.http().get('/api/platform/me').set('Cookie', `${cookieName}=${firstId}`).expect(401));
  });

  it.each(['tenant staff', 'portal customer'] as const)('issues a new session id at a %s login too; the old id is dead', async (realm) => {
    const tenant = await ctx.newTenant();
    const credentials = realm === 'tenant staff' ? await ctx.newTenantStaff(tenant) : await ctx.newPortalCustomer(tenant);
    const base = realm === 'tenant staff' ? `/api/t/${tenant.slug}` : `/api/t/${tenant.slug}/portal`;
    const login = (cookieId?: string) => {
      const req = ctx.http().post(`${base}/login`);
      if (cookieId) req.set('Cookie', `${cookieName}=${cookieId}`);
      return req.send({ email: credentials.email, password: credentials.password }).expect(200);
    };
    const me = (id: string) => ctx.http().get(`${base}/me`).set('Cookie', `${cookieName}=${id}`);

    const firstId = sessionIdOf((await login()).headers['set-cookie'], cookieName)!;
    await me(firstId).expect(200);
    const secondId = sessionIdOf((await login(firstId)).headers['set-cookie'], cookieName)!;
    expect(secondId).toBeDefined();
    expect(storedSid(secondId)).not.toBe(storedSid(firstId));
    await me(secondId).expect(200);
    problemOf(await me(firstId).expect(401));
    expect(await ctx.sql('select 1 from platform.session where sid = ?', [storedSid(firstId)])).toEqual([]);
  });

  it('writes a new session once at login, and deletes nothing for a visitor who had none', async () => {
    const staff = await ctx.newPlatformStaff();
    const pool = ctx.get<Pool>(PG_POOL);
    const sessionStatements: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('"session"')) sessionStatements.push(args[0].trim().split(/\s+/)[0].toUpperCase());
      return query(...args);
    }) as typeof pool.query);
    try {
      const login = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(200);
      expect(sessionStatements).toEqual(['INSERT']);
      // A second login from that session: the old row goes, the new one is written once. The old session's
      // stored cookie is as old as its last full save (touches only move the row's expiry): the new one must
      // not inherit that expiry.
      const id = sessionIdOf(login.headers['set-cookie'], cookieName)!;
      const aged = await ctx.sql(`update platform.session set sess = jsonb_set(sess::jsonb, '{cookie,expires}', to_jsonb(now() - interval '10 minutes'))::json where sid = ? returning sid`, [storedSid(id)]);
      expect(aged).toHaveLength(1);
      sessionStatements.length = 0;
      const again = await ctx.http().post('/api/platform/login').set('Cookie', `${cookieName}=${id}`).send({ email: staff.email, password: staff.password }).expect(200);
      expect(sessionStatements).toEqual(['SELECT', 'DELETE', 'INSERT']);
      const newId = sessionIdOf(again.headers['set-cookie'], cookieName)!;
      const [{ minutes }] = await ctx.sql<{ minutes: string }>(`select extract(epoch from expire - now()) / 60 as minutes from platform.session where sid = ?`, [storedSid(newId)]);
      expect(Number(minutes)).toBeGreaterThan(ctx.get(AppConfig).sessionIdleMinutes - 2);
      await ctx.http().get('/api/platform/me').set('Cookie', `${cookieName}=${newId}`).expect(200);
    } finally {
      spy.mockRestore();
    }
    const [row] = await ctx.sql<{ authenticatedAt: string }>(`select sess->>'authenticatedAt' as "authenticatedAt" from platform.session where principal = ?`, [`platform:${staff.id}`]);
    expect(Number(row.authenticatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('kills the session at logout, server-side', async () => {
    const staff = await ctx.newPlatformStaff();
    const login = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(200);
    const id = sessionIdOf(login.headers['set-cookie'], cookieName)!;
    await ctx.http().post('/api/platform/logout').set('Cookie', `${cookieName}=${id}`).expect(204);
    // Replaying the old cookie gets nowhere: the session row is gone.
    problemOf(await ctx.http().get('/api/platform/me').set('Cookie', `${cookieName}=${id}`).expect(401));
    expect(await ctx.sql(`select 1 from platform.session where principal = ?`, [`platform:${staff.id}`])).toEqual([]);
  });

  it('refuses a revoked role on the very next request of a live session', async () => {
    const admin = await ctx.newPlatformStaff(['platform_admin']);
    const agent = await ctx.loginPlatform(admin);
    await agent.get('/api/platform/tenants').expect(200);
    await ctx.get(PlatformStaffService).setRoles(await ctx.platformPrincipal(admin.id), admin.id, []);
    problemOf(await agent.get('/api/platform/tenants').expect(403));
    const me = await agent.get('/api/platform/me').expect(200);
    expect(me.body.roles).toEqual([]);
    const audit = await ctx.sql<{ role: string; action: string }>(`select role, action from platform.platform_role_change where staff_id = ? order by id`, [admin.id]);
    expect(audit).toEqual([{ role: 'platform_admin', action: 'grant' }, { role: 'platform_admin', action: 'revoke' }]);
  });

  it('proposes roles asked for at invitation, and revokes over HTTP, audited, for admins only', async () => {
    const adminAgent = await ctx.newPlatformAdminAgent();
    const invited = await adminAgent.post('/api/platform/staff').send({ email: 'investigator@platform.test', name: 'Ina', roles: ['access_log_investigator'] }).expect(201);
    expect(invited.body.invitationUrl).toMatch(/#token=/);
    // The investigator role waits for a second admin (test/platform-staff covers the approval).
    expect(invited.body).toMatchObject({ roles: [], pendingGrants: [expect.objectContaining({ role: 'access_log_investigator' })] });
    const token = invited.body.invitationUrl.split('#token=')[1];
    await ctx.http().post('/api/platform/invitations/accept').send({ token, password: 'investigator password' }).expect(204);
    const investigator = await ctx.loginPlatform({ email: 'investigator@platform.test', password: 'investigator password' });
    problemOf(await investigator.put(`/api/platform/staff/${invited.body.id}/roles`).send({ roles: ['platform_admin'] }).expect(403));
    const updated = await adminAgent.put(`/api/platform/staff/${invited.body.id}/roles`).send({ roles: [] }).expect(200);
    expect(updated.body).toMatchObject({ roles: [], pendingGrants: [] });
    const audit = await ctx.sql<{ role: string; action: string }>(`select role, action from platform.platform_role_change where staff_id = ? order by id`, [invited.body.id]);
    expect(audit).toEqual([{ role: 'access_log_investigator', action: 'propose' }, { role: 'access_log_investigator', action: 'withdraw' }]);
    problemOf(await adminAgent.put(`/api/platform/staff/${invited.body.id}/roles`).send({ roles: ['superuser'] }).expect(400));
    problemOf(await adminAgent.put(`/api/platform/staff/not-a-uuid/roles`).send({ roles: [] }).expect(400));
  });

  it('answers an unknown account and a wrong password identically', async () => {
    const staff = await ctx.newPlatformStaff();
    const wrong = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: 'wrong password!' }).expect(401);
    const unknown = await ctx.http().post('/api/platform/login').send({ email: 'nobody@platform.test', password: 'wrong password!' }).expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(problemOf(wrong))).toEqual(strip(problemOf(unknown)));
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles an account after repeated failures from one address with 429 and Retry-After, even for the right password', async () => {
    const staff = await ctx.newPlatformStaff();
    for (let i = 0; i < 3; i++) await ctx.http().post('/api/platform/login').send({ email: staff.email, password: 'wrong password!' }).expect(401);
    const res = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(429);
    expect(problemOf(res).type).toMatch(/too-many-attempts$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The throttle table holds neither the e-mail address nor the client address.
    const keys = await ctx.sql<{ key: string }>('select key from platform.login_throttle');
    expect(keys.some((k) => k.key.includes(staff.email) || k.key.includes('127.0.0.1'))).toBe(false);
  });

  it('does not let a stranger elsewhere lock the owner out: failures from another address throttle only that address', async () => {
    const staff = await ctx.newPlatformStaff();
    const from = (address: string, password: string) => ctx.http().post('/api/platform/login').set('X-Forwarded-For', address).send({ email: staff.email, password });
    const attacker = [];
    for (let i = 0; i < 5; i++) attacker.push((await from('203.0.113.66', 'wrong password!')).status);
    expect(attacker).toEqual([401, 401, 401, 429, 429]);
    // The owner, from their own address (and from the direct connection), signs in at once.
    await from('198.51.100.10', staff.password).expect(200);
    await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(200);
    // The attacker's address stays throttled for this account, right password or not.
    await from('203.0.113.66', staff.password).expect(429);
  });

  it('throttles an account for everyone once failures from many addresses reach its ceiling', async () => {
    const staff = await ctx.newPlatformStaff();
    const from = (address: string, password: string) => ctx.http().post('/api/platform/login').set('X-Forwarded-For', address).send({ email: staff.email, password });
    for (let a = 1; a <= 4; a++) for (let i = 0; i < 2; i++) await from(`203.0.113.${a}`, 'wrong password!').expect(401);
    const res = await from('198.51.100.10', staff.password).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts an IPv6 client by its /64: rotating addresses within it does not reset the limit', async () => {
    const staff = await ctx.newPlatformStaff();
    for (let i = 1; i <= 3; i++) await ctx.http().post('/api/platform/login').set('X-Forwarded-For', `2001:db8:1:2::${i}`).send({ email: staff.email, password: 'wrong password!' }).expect(401);
    await ctx.http().post('/api/platform/login').set('X-Forwarded-For', '2001:db8:1:2:ffff::9').send({ email: staff.email, password: staff.password }).expect(429);
    await ctx.http().post('/api/platform/login').set('X-Forwarded-For', '2001:db8:1:3::1').send({ email: staff.email, password: staff.password }).expect(200);
  });

  it('clears an account’s failures at a successful login', async () => {
    const staff = await ctx.newPlatformStaff();
    const attempt = (password: string, status: number) => ctx.http().post('/api/platform/login').send({ email: staff.email, password }).expect(status);
    for (let i = 0; i < 2; i++) await attempt('wrong password!', 401);
    await attempt(staff.password, 200);
    // The two failures are gone: three more are needed before the account is throttled.
    for (let i = 0; i < 2; i++) await attempt('wrong password!', 401);
    await attempt(staff.password, 200);
    for (let i = 0; i < 3; i++) await attempt('wrong password!', 401);
    await attempt(staff.password, 429);
  });

  it('records the last login and rehashes a password whose parameters are below the current ones', async () => {
    const staff = await ctx.newPlatformStaff();
    const weak = await import('argon2').then((a) => a.hash(staff.password, { type: a.argon2id, memoryCost: 8192, timeCost: 2, parallelism: 1 }));
    await ctx.sql('update platform.platform_staff set password_hash = ? where id = ?', [weak, staff.id]);
    await ctx.loginPlatform(staff);
    const [row] = await ctx.sql<{ password_hash: string; last_login_at: Date | null }>('select password_hash, last_login_at from platform.platform_staff where id = ?', [staff.id]);
    expect(row.last_login_at).not.toBeNull();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('ends the other sessions of a user on request', async () => {
    const staff = await ctx.newPlatformStaff();
    const laptop = await ctx.loginPlatform(staff);
    const phone = await ctx.loginPlatform(staff);
    const res = await laptop.post('/api/platform/sessions/end-others').expect(200);
    expect(res.body.ended).toBe(1);
    await laptop.get('/api/platform/me').expect(200);
    problemOf(await phone.get('/api/platform/me').expect(401));
  });

  it('ends every session of an account when it is disabled, and refuses its logins', async () => {
    const adminAgent = await ctx.newPlatformAdminAgent();
    const staff = await ctx.newPlatformStaff(['access_log_investigator']);
    const laptop = await ctx.loginPlatform(staff);
    const phone = await ctx.loginPlatform(staff);
    const admin = (await adminAgent.get('/api/platform/me').expect(200)).body;
    problemOf(await adminAgent.post(`/api/platform/staff/${admin.id}/disable`).expect(409));
    problemOf(await laptop.post(`/api/platform/staff/${staff.id}/disable`).expect(403));
    const disabled = await adminAgent.post(`/api/platform/staff/${staff.id}/disable`).expect(200);
    expect(disabled.body.active).toBe(false);
    problemOf(await laptop.get('/api/platform/me').expect(401));
    problemOf(await phone.get('/api/platform/me').expect(401));
    expect(await ctx.sql('select 1 from platform.session where principal = ?', [`platform:${staff.id}`])).toEqual([]);
    problemOf(await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(401));
  });

  it("lets a tenant's owner disable a member of staff, ending their sessions", async () => {
    const tenant = await ctx.newTenant();
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const member = await ctx.newTenantStaff(tenant, 'staff');
    const session = await ctx.loginTenant(tenant, member);
    problemOf(await session.post(`/api/t/${tenant.slug}/staff/${member.id}/disable`).expect(403));
    await owner.post(`/api/t/${tenant.slug}/staff/${member.id}/disable`).expect(200);
    problemOf(await session.get(`/api/t/${tenant.slug}/me`).expect(401));
    const other = await ctx.newTenant();
    problemOf(await (await ctx.loginTenant(other, other.owner)).post(`/api/t/${other.slug}/staff/${member.id}/disable`).expect(404));
  });

  it('expires a session past its absolute lifetime even while it is in use', async () => {
    const staff = await ctx.newPlatformStaff();
    const agent = await ctx.loginPlatform(staff);
    const hours = ctx.get(AppConfig).sessionAbsoluteHours;
    await ctx.sql(`update platform.session set sess = jsonb_set(sess::jsonb, '{authenticatedAt}', to_jsonb(?::bigint))::json where principal = ?`, [
      Date.now() - (hours * 3_600_000 + 1000),
      `platform:${staff.id}`,
    ]);
    problemOf(await agent.get('/api/platform/me').expect(401));
  });

  it('refreshes the idle timeout in the database at most once a minute per session', async () => {
    const staff = await ctx.newPlatformStaff();
    const agent = await ctx.loginPlatform(staff);
    const expiry = async () => Number((await ctx.sql<{ ms: string }>('select extract(epoch from expire) * 1000 as ms from platform.session where principal = ?', [`platform:${staff.id}`]))[0].ms);
    await ctx.sql(`update platform.session set expire = expire - interval '5 minutes' where principal = ?`, [`platform:${staff.id}`]);
    const aged = await expiry();
    await agent.get('/api/platform/me').expect(200);
    expect(await expiry()).toBeGreaterThan(aged);
    // Age it again: a request within the minute leaves the row alone.
    await ctx.sql(`update platform.session set expire = expire - interval '5 minutes' where principal = ?`, [`platform:${staff.id}`]);
    const agedAgain = await expiry();
    await agent.get('/api/platform/me').expect(200);
    expect(await expiry()).toBe(agedAgain);
  });

  it("ends a tenant's sessions while the tenant is suspended, its customers' too", async () => {
    const tenant = await ctx.newTenant();
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const customer = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
    await owner.get(`/api/t/${tenant.slug}/me`).expect(200);
    await customer.get(`/api/t/${tenant.slug}/portal/me`).expect(200);
    await ctx.sql(`update platform.tenant set status = 'suspended' where id = ?`, [tenant.id]);
    problemOf(await owner.get(`/api/t/${tenant.slug}/me`).expect(401));
    problemOf(await customer.get(`/api/t/${tenant.slug}/portal/me`).expect(401));
  });

  it('expires an idle session', async () => {
    const staff = await ctx.newPlatformStaff();
    const agent = await ctx.loginPlatform(staff);
    await ctx.sql(`update platform.session set expire = now() - interval '1 second' where principal = ?`, [`platform:${staff.id}`]);
    problemOf(await agent.get('/api/platform/me').expect(401));
  });

  it('validates the login body like any other', async () => {
    const res = await ctx.http().post('/api/platform/login').send({ email: 'not-an-email', password: 'x', extra: true }).expect(400);
    expect(problemOf(res).errors?.map((e) => e.field).sort()).toEqual(['email', 'extra']);
    problemOf(await ctx.http().post('/api/platform/login').send({}).expect(400));
  });

  describe("the console's session status", () => {
    const expiryOf = async (staffId: string) =>
      Number((await ctx.sql<{ ms: string }>(`select (extract(epoch from expire::timestamptz) * 1000)::float8 as ms from platform.session where principal like ?`, [`%${staffId}`]))[0].ms);
    const age = (staffId: string) => ctx.sql(`update platform.session set expire = expire - interval '5 minutes' where principal like ?`, [`%${staffId}`]);

    it('tells when the session ends, by the server’s clock, without renewing it by asking', async () => {
      const tenant = await ctx.newTenant();
      const member = await ctx.newTenantStaff(tenant, 'staff');
      const session = await ctx.loginTenant(tenant, member);
      const config = ctx.get(AppConfig);
      await age(member.id);
      const aged = await expiryOf(member.id);
      const res = await session.get(`/api/t/${tenant.slug}/sessions/current`).expect(200);
      expect(Date.parse(res.body.idleExpiresAt)).toBe(aged);
      expect(res.body.expiresAt).toBe(res.body.idleExpiresAt);
      expect(res.body.idleTimeoutSeconds).toBe(config.sessionIdleMinutes * 60);
      expect(Math.abs(Date.parse(res.body.now) - Date.now())).toBeLessThan(5_000);
      const absolute = Date.parse(res.body.absoluteExpiresAt) - Date.parse(res.body.now);
      expect(absolute).toBeGreaterThan(config.sessionAbsoluteHours * 3_600_000 - 60_000);
      expect(absolute).toBeLessThanOrEqual(config.sessionAbsoluteHours * 3_600_000);
      // Asking again and again leaves the store's expiry where it was: asking is not activity.
      await session.get(`/api/t/${tenant.slug}/sessions/current`).expect(200);
      expect(await expiryOf(member.id)).toBe(aged);
      // Any other request is activity and renews it.
      await session.get(`/api/t/${tenant.slug}/me`).expect(200);
      expect(await expiryOf(member.id)).toBeGreaterThan(aged);
    });

    it('names the absolute end when it comes before the idle one', async () => {
      const tenant = await ctx.newTenant();
      const session = await ctx.loginTenant(tenant, tenant.owner);
      const hours = ctx.get(AppConfig).sessionAbsoluteHours;
      const startedAt = Date.now() - hours * 3_600_000 + 120_000;
      await ctx.sql(`update platform.session set sess = jsonb_set(sess::jsonb, '{authenticatedAt}', to_jsonb(?::bigint))::json where sess #>> '{passport,user}' like ?`, [
        startedAt,
        `%${tenant.id}%`,
      ]);
      const res = await session.get(`/api/t/${tenant.slug}/sessions/current`).expect(200);
      expect(Date.parse(res.body.absoluteExpiresAt)).toBe(startedAt + hours * 3_600_000);
      expect(res.body.expiresAt).toBe(res.body.absoluteExpiresAt);
    });

    it('renews the idle timeout on request, even within the minute that plain requests leave alone', async () => {
      const tenant = await ctx.newTenant();
      const member = await ctx.newTenantStaff(tenant, 'staff');
      const session = await ctx.loginTenant(tenant, member);
      await session.get(`/api/t/${tenant.slug}/me`).expect(200);
      await age(member.id);
      const aged = await expiryOf(member.id);
      // Within the touch interval a plain request does not write...
      await session.get(`/api/t/${tenant.slug}/me`).expect(200);
      expect(await expiryOf(member.id)).toBe(aged);
      // ...but "stay signed in" does, and answers the new end.
      const res = await session.post(`/api/t/${tenant.slug}/sessions/current/extend`).expect(200);
      const renewed = await expiryOf(member.id);
      expect(renewed).toBeGreaterThan(aged + 4 * 60_000);
      expect(Date.parse(res.body.idleExpiresAt)).toBe(renewed);
      expect(renewed - Date.parse(res.body.now)).toBeGreaterThan(ctx.get(AppConfig).sessionIdleMinutes * 60_000 - 5_000);
    });

    it('refuses a cross-site extension, anonymous callers and another business’s session', async () => {
      const tenant = await ctx.newTenant();
      const other = await ctx.newTenant();
      const session = await ctx.loginTenant(tenant, tenant.owner);
      problemOf(await session.post(`/api/t/${tenant.slug}/sessions/current/extend`).set('Sec-Fetch-Site', 'cross-site').expect(403));
      problemOf(await session.post(`/api/t/${tenant.slug}/sessions/current/extend`).set('Origin', 'https://evil.example').expect(403));
      problemOf(await ctx.http().get(`/api/t/${tenant.slug}/sessions/current`).expect(401));
      problemOf(await ctx.http().post(`/api/t/${tenant.slug}/sessions/current/extend`).expect(401));
      const foreign = await session.get(`/api/t/${other.slug}/sessions/current`);
      expect([401, 404]).toContain(foreign.status);
      problemOf(foreign);
    });

    it('answers how many other sessions it ended for tenant staff', async () => {
      const tenant = await ctx.newTenant();
      const member = await ctx.newTenantStaff(tenant, 'staff');
      const laptop = await ctx.loginTenant(tenant, member);
      const phone = await ctx.loginTenant(tenant, member);
      const tablet = await ctx.loginTenant(tenant, member);
      expect((await laptop.post(`/api/t/${tenant.slug}/sessions/end-others`).expect(200)).body).toEqual({ ended: 2 });
      await laptop.get(`/api/t/${tenant.slug}/me`).expect(200);
      problemOf(await phone.get(`/api/t/${tenant.slug}/me`).expect(401));
      problemOf(await tablet.get(`/api/t/${tenant.slug}/me`).expect(401));
      expect((await laptop.post(`/api/t/${tenant.slug}/sessions/end-others`).expect(200)).body).toEqual({ ended: 0 });
    });
  });
});
