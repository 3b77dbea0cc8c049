// The IP access log (statement section 12): every request recorded off the request path; searched only by
// investigators, each search justified and audited; tenants told when their traffic was looked at; no
// address anywhere else; whole days dropped after the retention period.
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessLogSearchService, AccessLogService, PARTITION_DAYS } from '@app/access-log';
import { PlatformStaffService } from '@app/auth';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const DAY = 86_400_000;
const SEARCHES = '/api/platform/access-log/searches';
const AUDIT = '/api/platform/access-log/audit';
const justification = 'Tenant reported credential stuffing against its staff logins; ticket SEC-4411.';

interface LogRow {
  ip: string | null;
  method: string;
  route: string;
  status: number;
  tenant_id: string | null;
  principal: string | null;
}

describe('IP access log', () => {
  let ctx: TestContext;
  let log: AccessLogService;
  let logLines: unknown[][];

  beforeAll(async () => {
    ctx = await TestContext.create();
    log = ctx.get(AccessLogService);
    // Every application log line of this file, whatever the level, to prove none of them holds an address.
    logLines = [];
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
        logLines.push([level, ...args]);
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ctx.close();
  });

  const rowsOf = (requestId: string) =>
    ctx.sql<LogRow>('select host(ip) as ip, method, route, status, tenant_id, principal from platform.access_log where request_id = ?', [requestId]);
  const searchCount = async () => Number((await ctx.sql<{ n: string }>('select count(*) as n from platform.access_log_search'))[0].n);
  const newInvestigator = async () => {
    const staff = await ctx.newPlatformStaff(['access_log_investigator']);
    return { ...staff, agent: await ctx.loginPlatform(staff) };
  };
  const idOf = async (agent: Agent, path: string): Promise<string> => (await agent.get(path).expect(200)).body.id;
  /** Rows planted straight into the log, for addresses a test client cannot come from. */
  const plant = async (rows: { ip: string; tenantId?: string; at?: Date; route?: string }[]) => {
    for (const row of rows) {
      if (row.at) await log.ensurePartitions(row.at); // the days a test plants in the past
      await ctx.sql(`insert into platform.access_log (logged_at, ip, method, route, status, latency_ms, tenant_id, principal, request_id) values (?, ?::inet, 'GET', ?, 200, 3, ?, null, ?)`, [
        row.at ?? new Date(),
        row.ip,
        row.route ?? '/api/t/:tenant/me',
        row.tenantId ?? null,
        randomUUID(),
      ]);
    }
  };
  const deniedLines = (principal: string) =>
    logLines.filter(([level, fields, message]) => level === 'warn' && message === 'access denied' && (fields as { principal?: string }).principal === principal);

  describe('recording', () => {
    it('records a request with its route template, status, tenant, principal and request id once the buffer is flushed', async () => {
      const tenant = await ctx.newTenant();
      const owner = await ctx.loginTenant(tenant, tenant.owner);
      const ownerId = await idOf(owner, `/api/t/${tenant.slug}/me`);
      const customerId = randomUUID();
      const res = await owner.get(`/api/t/${tenant.slug}/customers/${customerId}?q=secret`).expect(404);
      await log.flush();
      const rows = await rowsOf(res.headers['x-request-id']);
      expect(rows).toEqual([{ ip: '127.0.0.1', method: 'GET', route: '/api/t/:tenant/customers/:id', status: 404, tenant_id: tenant.id, principal: `tenant-staff:${tenant.id}:${ownerId}` }]);
      // The template, never the URL: no ids or query strings in the log.
      expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${customerId}|secret`));
    });

    it('records unmatched routes, refused requests and logins under a placeholder or their template', async () => {
      const unknown = await ctx.http().get('/api/no/such/route/token-123').expect(404);
      const anonymous = await ctx.http().get('/api/platform/me').expect(401);
      const staff = await ctx.newPlatformStaff(['platform_admin']);
      const login = await ctx.http().post('/api/platform/login').send({ email: staff.email, password: staff.password }).expect(200);
      const bare = await ctx.http().get('/api');
      const badJson = await ctx.http().post('/api/platform/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
      await log.flush();
      expect(await rowsOf(unknown.headers['x-request-id'])).toEqual([{ ip: '127.0.0.1', method: 'GET', route: '(unmatched)', status: 404, tenant_id: null, principal: null }]);
      expect(await rowsOf(bare.headers['x-request-id'])).toEqual([expect.objectContaining({ route: '(unmatched)', status: bare.status })]);
      expect(await rowsOf(badJson.headers['x-request-id'])).toEqual([expect.objectContaining({ route: '(unmatched)', status: 400 })]);
      expect(await rowsOf(anonymous.headers['x-request-id'])).toEqual([expect.objectContaining({ route: '/api/platform/me', status: 401, principal: null })]);
      // On the login route the principal is who just signed in.
      expect(await rowsOf(login.headers['x-request-id'])).toEqual([expect.objectContaining({ route: '/api/platform/login', status: 200, principal: `platform:${staff.id}` })]);
    });

    it("counts anonymous requests to a tenant's public routes as its traffic: failed logins, its privacy notice", async () => {
      const tenant = await ctx.newTenant();
      const wrong = { email: 'nobody@example.test', password: 'not the password at all' };
      const failedStaff = await ctx.http().post(`/api/t/${tenant.slug}/login`).send(wrong).expect(401);
      const failedCustomer = await ctx.http().post(`/api/t/${tenant.slug}/portal/login`).send(wrong).expect(401);
      const notice = await ctx.http().get(`/api/t/${tenant.slug}/privacy-notice`).set('Accept', 'application/json').expect(200);
      const nowhere = await ctx.http().post('/api/t/no-such-tenant/login').send(wrong).expect(401);
      await log.flush();
      for (const res of [failedStaff, failedCustomer, notice]) {
        expect(await rowsOf(res.headers['x-request-id'])).toEqual([expect.objectContaining({ tenant_id: tenant.id, principal: null })]);
      }
      expect(await rowsOf(nowhere.headers['x-request-id'])).toEqual([expect.objectContaining({ route: '/api/t/:tenant/login', tenant_id: null })]);
    });

    it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
      const res = await ctx.http().get('/api/health').set('X-Forwarded-For', '203.0.113.66').expect(200);
      await log.flush();
      expect(await rowsOf(res.headers['x-request-id'])).toEqual([expect.objectContaining({ ip: '127.0.0.1', route: '/api/health' })]);
      const { agent } = await newInvestigator();
      const search = await agent.post(SEARCHES).send({ filters: { ip: '203.0.113.66' }, justification }).expect(201);
      expect(search.body.rowCount).toBe(0);
    });

    it('keeps serving while the log cannot be written, and writes the rows once it can', async () => {
      await ctx.sql('alter table platform.access_log rename to access_log_away');
      try {
        const started = Date.now();
        const res = await ctx.http().get('/api/health').expect(200);
        expect(Date.now() - started).toBeLessThan(2000);
        await expect(log.flush()).resolves.toBeUndefined();
        expect(log.stats()).toMatchObject({ failing: true });
        expect(log.stats().buffered).toBeGreaterThan(0);
        await ctx.sql('alter table platform.access_log_away rename to access_log');
        await log.flush();
        expect(log.stats()).toMatchObject({ failing: false, buffered: 0 });
        expect(await rowsOf(res.headers['x-request-id'])).toHaveLength(1);
      } finally {
        await ctx.sql(`do $$ begin if to_regclass('platform.access_log_away') is not null then alter table platform.access_log_away rename to access_log; end if; end $$`);
      }
    });
  });

  describe('searching', () => {
    it('finds requests by address and by network, returns them newest first, and audits every search with its row count', async () => {
      const tenant = await ctx.newTenant();
      const now = Date.now();
      await plant([
        { ip: '198.51.100.7', tenantId: tenant.id, at: new Date(now - 3 * DAY) },
        { ip: '198.51.100.7', at: new Date(now - 1 * DAY) },
        { ip: '198.51.100.200', at: new Date(now - 2 * DAY) },
        { ip: '198.51.101.1' },
        { ip: '2001:db8:1::5' },
        { ip: '198.51.100.7', at: new Date(now - 40 * DAY) }, // outside the default 30 days
      ]);
      const { agent, id } = await newInvestigator();
      const byAddress = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.7' }, justification }).expect(201);
      expect(byAddress.body).toMatchObject({ rowCount: 2, truncated: false });
      expect(byAddress.body.rows.map((r: { ip: string }) => r.ip)).toEqual(['198.51.100.7', '198.51.100.7']);
      expect(new Date(byAddress.body.rows[0].loggedAt).getTime()).toBeGreaterThan(new Date(byAddress.body.rows[1].loggedAt).getTime());
      expect(byAddress.body.rows[1]).toMatchObject({ tenantId: tenant.id, route: '/api/t/:tenant/me', method: 'GET', status: 200 });

      const byNetwork = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.0/24' }, justification, limit: 2 }).expect(201);
      expect(byNetwork.body).toMatchObject({ rowCount: 2, truncated: true });
      const all = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.0/24' }, justification }).expect(201);
      expect(all.body.rows.map((r: { ip: string }) => r.ip).sort()).toEqual(['198.51.100.200', '198.51.100.7', '198.51.100.7']);
      const v6 = await agent.post(SEARCHES).send({ filters: { ip: '2001:db8::/32' }, justification }).expect(201);
      expect(v6.body.rows.map((r: { ip: string }) => r.ip)).toEqual(['2001:db8:1::5']);
      const older = await agent
        .post(SEARCHES)
        .send({ filters: { ip: '198.51.100.7', from: new Date(now - 45 * DAY).toISOString(), to: new Date(now - 30 * DAY).toISOString() }, justification })
        .expect(201);
      expect(older.body.rowCount).toBe(1);

      const audit = await ctx.sql<{ id: string; investigator_id: string; row_count: number; justification: string; filters: Record<string, unknown>; tenant_ids: string[] }>(
        'select id, investigator_id, row_count, justification, filters, tenant_ids from platform.access_log_search where investigator_id = ? order by searched_at',
        [id],
      );
      expect(audit.map((a) => [a.id, a.row_count])).toEqual([
        [byAddress.body.id, 2],
        [byNetwork.body.id, 2],
        [all.body.id, 3],
        [v6.body.id, 1],
        [older.body.id, 1],
      ]);
      expect(audit[0]).toMatchObject({ justification, filters: expect.objectContaining({ ip: '198.51.100.7', limit: 100 }), tenant_ids: [tenant.id] });
      expect(audit[3].tenant_ids).toEqual([]);
    });

    it('searches by tenant and by principal', async () => {
      const tenant = await ctx.newTenant();
      const owner = await ctx.loginTenant(tenant, tenant.owner);
      const ownerId = await idOf(owner, `/api/t/${tenant.slug}/me`);
      await owner.get(`/api/t/${tenant.slug}/customers`).expect(200);
      await log.flush();
      const { agent } = await newInvestigator();
      const byTenant = await agent.post(SEARCHES).send({ filters: { tenantId: tenant.id }, justification }).expect(201);
      // Newest first: the list, who-am-I, and the login itself (whose principal is who signed in).
      expect(byTenant.body.rows.map((r: { route: string }) => r.route)).toEqual(['/api/t/:tenant/customers', '/api/t/:tenant/me', '/api/t/:tenant/login']);
      const byPrincipal = await agent.post(SEARCHES).send({ filters: { principal: `tenant-staff:${tenant.id}:${ownerId}` }, justification }).expect(201);
      expect(byPrincipal.body.rowCount).toBe(3);
    });

    it('refuses an empty or whitespace-only justification with a field error, over HTTP and in the service, and records nothing', async () => {
      const { agent, id } = await newInvestigator();
      const before = await searchCount();
      for (const blank of ['', ' ', '            ', ' \t\n \u00a0 \r\n   \t ']) {
        const res = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.7' }, justification: blank }).expect(400);
        expect(problemOf(res).errors).toEqual([expect.objectContaining({ field: 'justification' })]);
      }
      // The rule holds for any caller of the service, not only behind the DTO: a 400, never the table's CHECK as a 500.
      const principal = (await agent.get('/api/platform/me').expect(200)).body;
      expect(principal.id).toBe(id);
      for (const blank of ['', '            ']) {
        await expect(ctx.get(AccessLogSearchService).search(principal, { filters: { ip: '198.51.100.7' }, justification: blank })).rejects.toMatchObject({
          status: 400,
          extensions: { errors: [expect.objectContaining({ field: 'justification' })] },
        });
      }
      expect(await searchCount()).toBe(before);
    });

    it('refuses searches without a justification, too wide, or malformed, and records none of them', async () => {
      const { agent } = await newInvestigator();
      const before = await searchCount();
      const fieldsOf = async (body: object) => problemOf(await agent.post(SEARCHES).send(body).expect(400)).errors?.map((e) => e.field);
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' } })).toContain('justification');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' }, justification: '   too short   ' })).toContain('justification');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' }, justification: 'x'.repeat(2001) })).toContain('justification');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' }, justification: 'Abuse reported from 198.51.100.7 by the tenant' })).toContain('justification');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7/33' }, justification })).toContain('filters.ip');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7', from: '2026-11-01T00:00:00' }, justification })).toContain('filters.from');
      expect(await fieldsOf({ filters: { tenantId: 'not-a-uuid' }, justification })).toContain('filters.tenantId');
      expect(await fieldsOf({ filters: { principal: 'admin' }, justification })).toContain('filters.principal');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' }, justification, limit: 1001 })).toContain('limit');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7', extra: 1 }, justification })).toContain('filters.extra');
      expect(await fieldsOf({ filters: { ip: '198.51.100.7' }, justification, investigatorId: randomUUID() })).toContain('investigatorId');
      expect(await fieldsOf({ justification })).toContain('filters');

      const wide = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.7', from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, justification }).expect(400);
      expect(problemOf(wide).type).toMatch(/access-log-window-invalid$/);
      const nobody = await agent.post(SEARCHES).send({ filters: { from: '2026-01-01T00:00:00Z' }, justification }).expect(400);
      expect(problemOf(nobody).type).toMatch(/access-log-selector-required$/);
      expect(await searchCount()).toBe(before);
    });
  });

  describe('who may read it', () => {
    it('lets only investigators search; admins, tenant staff and the anonymous are refused, and each refusal is logged', async () => {
      const tenant = await ctx.newTenant();
      const owner = await ctx.loginTenant(tenant, tenant.owner);
      const ownerId = await idOf(owner, `/api/t/${tenant.slug}/me`);
      const admin = await ctx.newPlatformStaff(['platform_admin']);
      const adminAgent = await ctx.loginPlatform(admin);
      const both = await ctx.loginPlatform(await ctx.newPlatformStaff(['platform_admin', 'access_log_investigator']));
      const body = { filters: { tenantId: tenant.id }, justification };
      const before = await searchCount();

      const refusedAdmin = await adminAgent.post(SEARCHES).send(body).expect(403);
      const refusedOwner = await owner.post(SEARCHES).send(body).expect(403);
      const refusedAnonymous = await ctx.http().post(SEARCHES).send(body).expect(401);
      for (const res of [refusedAdmin, refusedOwner, refusedAnonymous]) expect(JSON.stringify(problemOf(res))).not.toMatch(/198\.51|127\.0\.0\.1/);
      expect(await searchCount()).toBe(before);

      expect(deniedLines(`platform:${admin.id}`)).toEqual([['warn', expect.objectContaining({ route: SEARCHES, requestId: refusedAdmin.headers['x-request-id'] }), 'access denied']]);
      expect(deniedLines(`tenant-staff:${tenant.id}:${ownerId}`)).toEqual([['warn', expect.objectContaining({ route: SEARCHES }), 'access denied']]);
      expect(deniedLines('anonymous').some(([, fields]) => (fields as { requestId: string }).requestId === refusedAnonymous.headers['x-request-id'])).toBe(true);
      // The access log itself has the refusals too, with who was refused.
      await log.flush();
      expect(await rowsOf(refusedAdmin.headers['x-request-id'])).toEqual([expect.objectContaining({ status: 403, principal: `platform:${admin.id}` })]);
      expect(await rowsOf(refusedOwner.headers['x-request-id'])).toEqual([expect.objectContaining({ status: 403, principal: `tenant-staff:${tenant.id}:${ownerId}`, tenant_id: tenant.id })]);
      expect(await rowsOf(refusedAnonymous.headers['x-request-id'])).toEqual([expect.objectContaining({ status: 401, principal: null })]);

      await both.post(SEARCHES).send(body).expect(201);
      expect(await searchCount()).toBe(before + 1);
    });

    it('refuses a revoked investigator on the very next request', async () => {
      const { agent, id } = await newInvestigator();
      await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.7' }, justification }).expect(201);
      await ctx.get(PlatformStaffService).setRoles(await ctx.platformPrincipal(id), id, []);
      problemOf(await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.7' }, justification }).expect(403));
      problemOf(await agent.get(AUDIT).expect(403));
    });

    it('shows the audit of searches to investigators and admins, paginated, with addresses only to investigators', async () => {
      const { agent, id } = await newInvestigator();
      const made: string[] = [];
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) made.push((await agent.post(SEARCHES).send({ filters: { ip }, justification }).expect(201)).body.id);
      const admin = await ctx.newPlatformAdminAgent();
      const pages = async (reader: Agent) => {
        const items: { id: string; searchedAt: string; investigator: { id: string }; filters: { ip?: string }; rowCount: number; justification: string }[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: { items: typeof items; nextCursor: string | null } } = await reader.get(AUDIT).query(cursor ? { limit: 2, cursor } : { limit: 2 }).expect(200);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          items.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        return items;
      };
      const newestFirst = (items: { searchedAt: string; id: string }[]) =>
        items.every((e, i) => i === 0 || [items[i - 1].searchedAt, items[i - 1].id].join() > [e.searchedAt, e.id].join());
      const forInvestigator = await pages(agent);
      expect(newestFirst(forInvestigator)).toBe(true);
      const seenByInvestigator = forInvestigator.filter((e) => e.investigator.id === id);
      expect(seenByInvestigator.map((e) => e.id).sort()).toEqual([...made].sort());
      expect(seenByInvestigator.map((e) => e.filters.ip).sort()).toEqual(['198.51.100.1', '198.51.100.2', '198.51.100.3']);
      expect(seenByInvestigator[0]).toMatchObject({ justification, rowCount: 0 });

      const allForAdmin = await pages(admin);
      expect(new Set(allForAdmin.map((e) => e.id)).size).toBe(allForAdmin.length); // no page repeats a row
      const seenByAdmin = allForAdmin.filter((e) => e.investigator.id === id);
      expect(seenByAdmin.map((e) => e.id)).toEqual(seenByInvestigator.map((e) => e.id));
      expect(seenByAdmin.every((e) => e.filters.ip === '[redacted]')).toBe(true);
      expect(JSON.stringify(allForAdmin)).not.toMatch(/198\.51\.100|203\.0\.113|127\.0\.0\.1|2001:db8/);

      const tenant = await ctx.newTenant();
      problemOf(await (await ctx.loginTenant(tenant, tenant.owner)).get(AUDIT).expect(403));
      problemOf(await ctx.http().get(AUDIT).expect(401));
      problemOf(await agent.get(AUDIT).query({ limit: 201 }).expect(400));
      problemOf(await agent.get(AUDIT).query({ cursor: 'forged' }).expect(400));
    });

    it('keeps the audit of searches append-only', async () => {
      const { agent } = await newInvestigator();
      const search = await agent.post(SEARCHES).send({ filters: { ip: '198.51.100.9' }, justification }).expect(201);
      await expect(ctx.sql('update platform.access_log_search set justification = ? where id = ?', ['x'.repeat(20), search.body.id])).rejects.toThrow(/append-only/);
      await expect(ctx.sql('delete from platform.access_log_search where id = ?', [search.body.id])).rejects.toThrow(/append-only/);
    });
  });

  describe('access transparency', () => {
    let a: TestTenant;
    let b: TestTenant;
    let ownerA: Agent;
    let ownerB: Agent;

    beforeAll(async () => {
      a = await ctx.newTenant();
      b = await ctx.newTenant();
      ownerA = await ctx.loginTenant(a, a.owner);
      ownerB = await ctx.loginTenant(b, b.owner);
    });

    it("shows a tenant's owners the searches that touched its traffic, with their justification, and nothing of other tenants'", async () => {
      await plant([{ ip: '192.0.2.10', tenantId: a.id }, { ip: '192.0.2.20', tenantId: b.id }]);
      const { agent } = await newInvestigator();
      const onlyA = await agent.post(SEARCHES).send({ filters: { ip: '192.0.2.10' }, justification: 'Looking into tenant A login failures.' }).expect(201);
      const onlyB = await agent.post(SEARCHES).send({ filters: { ip: '192.0.2.20' }, justification: 'Looking into tenant B login failures.' }).expect(201);
      const bothTenants = await agent.post(SEARCHES).send({ filters: { ip: '192.0.2.0/24' }, justification: 'A network seen at both tenants.' }).expect(201);
      // A search filtered by the tenant counts even when it found nothing.
      const emptyForA = await agent
        .post(SEARCHES)
        .send({ filters: { tenantId: a.id, from: new Date(Date.now() - 20 * DAY).toISOString(), to: new Date(Date.now() - 10 * DAY).toISOString() }, justification: 'Checking tenant A for older traffic.' })
        .expect(201);
      expect(emptyForA.body.rowCount).toBe(0);

      const seenByA = await ownerA.get(`/api/t/${a.slug}/access-transparency`).expect(200);
      expect(seenByA.body.items.map((e: { id: string }) => e.id)).toEqual([emptyForA.body.id, bothTenants.body.id, onlyA.body.id]);
      expect(seenByA.body.items[2]).toEqual({ id: onlyA.body.id, searchedAt: onlyA.body.searchedAt, justification: 'Looking into tenant A login failures.' });
      const seenByB = await ownerB.get(`/api/t/${b.slug}/access-transparency`).expect(200);
      expect(seenByB.body.items.map((e: { id: string }) => e.id)).toEqual([bothTenants.body.id, onlyB.body.id]);
      for (const res of [seenByA, seenByB]) expect(res.text).not.toMatch(/192\.0\.2|127\.0\.0\.1|investigator|filters/);

      const page = await ownerA.get(`/api/t/${a.slug}/access-transparency`).query({ limit: 2 }).expect(200);
      expect(page.body.items).toHaveLength(2);
      const rest = await ownerA.get(`/api/t/${a.slug}/access-transparency`).query({ limit: 2, cursor: page.body.nextCursor }).expect(200);
      expect(rest.body).toEqual({ items: [seenByA.body.items[2]], nextCursor: null });
    });

    it('is for owners of that tenant only', async () => {
      const staffA = await ctx.loginTenant(a, await ctx.newTenantStaff(a, 'staff'));
      problemOf(await staffA.get(`/api/t/${a.slug}/access-transparency`).expect(403));
      problemOf(await ownerB.get(`/api/t/${a.slug}/access-transparency`).expect(404));
      problemOf(await ctx.http().get(`/api/t/${a.slug}/access-transparency`).expect(401));
      problemOf(await (await ctx.newPlatformAdminAgent()).get(`/api/t/${a.slug}/access-transparency`).expect(404));
    });
  });

  describe('retention', () => {
    const partitions = async () =>
      (await ctx.sql<{ name: string }>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'platform.access_log'::regclass order by 1`)).map((r) => r.name);
    const nameOf = (at: Date) => `access_log_p${at.toISOString().slice(0, 10).replace(/-/g, '')}`;

    it('keeps partitions for today and the coming week', async () => {
      expect(await log.ensurePartitions()).toBe(0);
      const names = await partitions();
      for (let d = 0; d < PARTITION_DAYS; d++) expect(names).toContain(nameOf(new Date(Date.now() + d * DAY)));
      expect(await log.ensurePartitions(new Date(Date.now() + 2 * DAY))).toBe(2);
    });

    it('drops whole days once every row in them is past the retention period, and keeps the rest', async () => {
      const now = new Date();
      const days = (n: number) => new Date(now.getTime() - n * DAY);
      await log.ensurePartitions(days(100)); // 100 .. 93 days ago
      await log.ensurePartitions(days(89)); // 89 .. 82 days ago
      await plant([
        { ip: '203.0.113.90', at: days(95) },
        { ip: '203.0.113.90', at: days(85) },
      ]);
      const dropped = await log.dropExpiredPartitions(now);
      expect(dropped).toEqual(expect.arrayContaining([nameOf(days(100)), nameOf(days(93))]));
      const left = await partitions();
      expect(left).not.toContain(nameOf(days(95)));
      for (const kept of [days(89), days(85), now]) expect(left).toContain(nameOf(kept));
      const rows = await ctx.sql<{ at: Date }>(`select logged_at as at from platform.access_log where ip = '203.0.113.90'`);
      expect(rows.map((r) => new Date(r.at).getTime())).toEqual([days(85).getTime()]);
      expect(await log.dropExpiredPartitions(now)).toEqual([]);
    });

    it("deletes a tenant's rows sooner when its register settings promise a shorter period", async () => {
      const brief = await ctx.newTenant();
      const usual = await ctx.newTenant();
      await ctx.sql(`update "${brief.schema}".register_settings set ip_log_retention_days = 30`);
      const old = new Date(Date.now() - 40 * DAY);
      await plant([
        { ip: '203.0.113.92', tenantId: brief.id, at: old },
        { ip: '203.0.113.92', tenantId: usual.id, at: old },
        { ip: '203.0.113.92', tenantId: brief.id, at: new Date(Date.now() - 10 * DAY) },
      ]);
      await log.maintain();
      const left = await ctx.sql<{ tenant_id: string }>(`select tenant_id from platform.access_log where ip = '203.0.113.92' order by logged_at`);
      expect(left.map((r) => r.tenant_id)).toEqual([usual.id, brief.id]);
    });

    it('never returns rows past retention, even before their day is dropped', async () => {
      const now = Date.now();
      await log.ensurePartitions(new Date(now - 92 * DAY));
      await plant([
        { ip: '203.0.113.91', at: new Date(now - 90 * DAY - 3_600_000) },
        { ip: '203.0.113.91', at: new Date(now - 89 * DAY) },
      ]);
      const { agent } = await newInvestigator();
      const res = await agent
        .post(SEARCHES)
        .send({ filters: { ip: '203.0.113.91', from: new Date(now - 91 * DAY).toISOString(), to: new Date(now - 60 * DAY).toISOString() }, justification })
        .expect(201);
      expect(res.body.rowCount).toBe(1);
    });
  });

  // Last: everything above has logged what it logs.
  it('never writes an IP address to the application log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logLines)).not.toMatch(/127\.0\.0\.1|::1\b|::ffff|198\.51\.100|203\.0\.113|192\.0\.2\.|2001:db8/);
  });
});
