// Password reset by e-mail in the three realms: one answer whether or not the address has an account, a link
// that works once for an hour, the new password's rule, every session ended, throttling, disabled accounts, and
// the walls between tenants and realms.
import { problemOf, TestContext, type Agent, type Credentials, type TestTenant } from '@app/testing';

type RealmName = 'platform staff' | 'tenant staff' | 'portal customer';

interface Account extends Credentials {
  id: string;
  /** Where the realm's routes live (`/api/platform`, `/api/t/:tenant`, `/api/t/:tenant/portal`). */
  base: string;
  /** The console page the e-mailed link opens. */
  page: string;
  login(credentials: Credentials): Promise<Agent>;
}

const NEW_PASSWORD = 'kolme hidasta kilpikonnaa ui';
const linkPattern = (page: string) => new RegExp(`${page.replace(/[/]/g, '\\/')}#token=([A-Za-z0-9_-]+)`);

describe('password reset', () => {
  let ctx: TestContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await TestContext.create({ loginMaxFailuresPerAccountAndAddress: 3 });
    tenant = await ctx.newTenant();
  });
  afterAll(() => ctx.close());

  async function newAccount(realm: RealmName, inTenant: TestTenant = tenant): Promise<Account> {
    if (realm === 'platform staff') {
      const staff = await ctx.newPlatformStaff();
      return { ...staff, base: '/api/platform', page: '/platform/reset-password', login: (c) => ctx.loginPlatform(c) };
    }
    if (realm === 'tenant staff') {
      const staff = await ctx.newTenantStaff(inTenant);
      return { ...staff, base: `/api/t/${inTenant.slug}`, page: `/t/${inTenant.slug}/reset-password`, login: (c) => ctx.loginTenant(inTenant, c) };
    }
    const customer = await ctx.newPortalCustomer(inTenant);
    return { ...customer, base: `/api/t/${inTenant.slug}/portal`, page: `/t/${inTenant.slug}/portal/reset-password`, login: (c) => ctx.loginPortal(inTenant, c) };
  }

  /** Asks for a reset and returns the token from the e-mail (passing over tokens already seen). */
  async function resetToken(account: Account, seen: string[] = []): Promise<string> {
    await ctx.http().post(`${account.base}/password-reset`).send({ email: account.email.toUpperCase() }).expect(202);
    return (await ctx.mailMatching(account.email, linkPattern(account.page), seen))[1];
  }

  const complete = (account: Pick<Account, 'base'>, token: string, password = NEW_PASSWORD) =>
    ctx.http().post(`${account.base}/password-reset/complete`).send({ token, password });

  describe.each(['platform staff', 'tenant staff', 'portal customer'] as const)('for %s', (realm) => {
    it('e-mails a link to the console page; the new password works, the old one and every old session do not', async () => {
      const account = await newAccount(realm);
      const session = await account.login(account);
      const other = await account.login(account);
      const token = await resetToken(account);

      await complete(account, token).expect(204);
      await session.get(`${account.base}/me`).expect(401);
      await other.get(`${account.base}/me`).expect(401);
      await expect(account.login(account)).rejects.toThrow(/401/);
      const fresh = await account.login({ email: account.email, password: NEW_PASSWORD });
      await fresh.get(`${account.base}/me`).expect(200);
    });

    it('lets a link work once only', async () => {
      const account = await newAccount(realm);
      const token = await resetToken(account);
      await complete(account, token).expect(204);
      expect(problemOf(await complete(account, token, 'toinen hidas kilpikonna ui').expect(400)).type).toMatch(/reset-token-invalid$/);
    });

    it('changes nothing when a step fails: the link, the old password and every session stay', async () => {
      const account = await newAccount(realm);
      const session = await account.login(account);
      const token = await resetToken(account);
      // The sessions cannot be ended (a trigger stands in for the failure), after the token and password steps.
      const fn = `platform.fail_end_${account.id.replace(/-/g, '')}`;
      await ctx.sql(`create function ${fn}() returns trigger language plpgsql as $$ begin if old.principal like '%${account.id}' then raise exception 'sessions unavailable'; end if; return old; end $$`);
      await ctx.sql(`create trigger fail_end before delete on platform.session for each row execute function ${fn}()`);
      try {
        expect((await complete(account, token)).status).toBeGreaterThanOrEqual(500);
      } finally {
        await ctx.sql(`drop trigger fail_end on platform.session`);
        await ctx.sql(`drop function ${fn}()`);
      }
      await session.get(`${account.base}/me`).expect(200);
      await (await account.login(account)).get(`${account.base}/me`).expect(200);
      await complete(account, token).expect(204);
      await session.get(`${account.base}/me`).expect(401);
    });

    it('answers an unknown address exactly as a known one, and sends nothing', async () => {
      const account = await newAccount(realm);
      const known = await ctx.http().post(`${account.base}/password-reset`).send({ email: account.email }).expect(202);
      const unknown = await ctx.http().post(`${account.base}/password-reset`).send({ email: `nobody-${Date.now()}@nowhere.test` }).expect(202);
      expect(unknown.body).toEqual(known.body);
      expect(unknown.headers['content-type']).toEqual(known.headers['content-type']);
      const rows = await ctx.sql<{ n: string }>(`select count(*) as n from platform.password_reset where account_id = ?`, [account.id]);
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  it('takes about as long to answer whether or not the address has an account', async () => {
    const account = await newAccount('portal customer');
    const timed = async (email: string) => {
      const started = performance.now();
      await ctx.http().post(`${account.base}/password-reset`).send({ email }).expect(202);
      return performance.now() - started;
    };
    const known = await timed(account.email);
    const unknown = await timed(`nobody-${Date.now()}@customer.test`);
    // Both wait for the same floor; what is left is noise, not the work of issuing a link.
    expect(known).toBeGreaterThanOrEqual(390);
    expect(unknown).toBeGreaterThanOrEqual(390);
    expect(Math.abs(known - unknown)).toBeLessThan(150);
  });

  it('refuses a link after an hour (by the app clock)', async () => {
    const account = await newAccount('tenant staff');
    const issuedAt = new Date();
    const token = await ctx.at(issuedAt, () => resetToken(account));
    const late = await ctx.at(new Date(issuedAt.getTime() + 61 * 60_000), () => complete(account, token).expect(400));
    expect(problemOf(late).type).toMatch(/reset-token-invalid$/);
    await ctx.at(new Date(issuedAt.getTime() + 59 * 60_000), () => complete(account, token).expect(204));
  });

  it('applies the password rule with a field error, and the link still works afterwards', async () => {
    const account = await newAccount('portal customer');
    const token = await resetToken(account);
    const weak = problemOf(await complete(account, token, 'password1234').expect(400));
    expect(weak.errors?.map((e) => e.field)).toEqual(['password']);
    const short = problemOf(await complete(account, token, 'short').expect(400));
    expect(short.errors?.map((e) => e.field)).toEqual(['password']);
    await complete(account, token).expect(204);
  });

  it('throttles requests per address and account like login, the same for an unknown address', async () => {
    const account = await newAccount('tenant staff');
    for (const email of [account.email, `nobody-${Date.now()}@${tenant.slug}.test`]) {
      for (let i = 0; i < 3; i++) await ctx.http().post(`${account.base}/password-reset`).send({ email }).expect(202);
      const refused = await ctx.http().post(`${account.base}/password-reset`).send({ email }).expect(429);
      expect(problemOf(refused).type).toMatch(/too-many-attempts$/);
    }
  });

  it('gives a disabled account no link, and refuses a link issued before it was disabled', async () => {
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const account = await newAccount('tenant staff');
    const token = await resetToken(account);
    await owner.post(`/api/t/${tenant.slug}/staff/${account.id}/disable`).expect(200);
    expect(problemOf(await complete(account, token).expect(400)).type).toMatch(/reset-token-invalid$/);

    await ctx.http().post(`${account.base}/password-reset`).send({ email: account.email }).expect(202);
    const rows = await ctx.sql<{ n: string }>(`select count(*) as n from platform.password_reset where account_id = ?`, [account.id]);
    expect(Number(rows[0].n)).toBe(1);
  });

  it("keeps a tenant's link useless in another tenant and in another realm", async () => {
    const other = await ctx.newTenant();
    const account = await newAccount('tenant staff');
    const token = await resetToken(account);
    for (const base of [`/api/t/${other.slug}`, `/api/t/${tenant.slug}/portal`, `/api/t/${other.slug}/portal`, '/api/platform', '/api/t/no-such-tenant']) {
      expect(problemOf(await complete({ base }, token).expect(400)).type).toMatch(/reset-token-invalid$/);
    }
    await complete(account, token).expect(204);
  });

  it("records the reset in the tenant's audit trail as the person's own act", async () => {
    const staff = await newAccount('tenant staff');
    const customer = await newAccount('portal customer');
    await complete(staff, await resetToken(staff)).expect(204);
    await complete(customer, await resetToken(customer)).expect(204);
    const audit = await ctx.sql<{ actor: string; action: string; subject_id: string }>(
      `select actor, action, subject_id from "${tenant.schema}".audit_event where action in ('staff.password_reset', 'portal.password_reset') and subject_id in (?, ?) order by id`,
      [staff.id, customer.id],
    );
    expect(audit).toEqual([
      { actor: `tenant-staff:${tenant.id}:${staff.id}`, action: 'staff.password_reset', subject_id: staff.id },
      { actor: `customer:${tenant.id}:${customer.id}`, action: 'portal.password_reset', subject_id: customer.id },
    ]);
  });

  it("writes the mail in the business's language, and in both for platform staff", async () => {
    const english = await ctx.newTenant();
    await ctx.sql(`update platform.tenant set language = 'en' where id = ?`, [english.id]);
    const inEnglish = await newAccount('portal customer', english);
    const inFinnish = await newAccount('tenant staff');
    const platform = await newAccount('platform staff');
    for (const account of [inEnglish, inFinnish, platform]) await ctx.http().post(`${account.base}/password-reset`).send({ email: account.email }).expect(202);
    await ctx.mailMatching(inEnglish.email, /Someone asked to reset your password/);
    await ctx.mailMatching(inFinnish.email, /Salasanasi vaihtamista pyydettiin/);
    const both = await ctx.mailMatching(platform.email, /Salasanasi vaihtamista pyydettiin[^]*Someone asked to reset your password/);
    expect(both).toBeTruthy();
  });

  it('stores only the hash of the token', async () => {
    const account = await newAccount('platform staff');
    const token = await resetToken(account);
    const rows = await ctx.sql<{ token_hash: string }>(`select token_hash from platform.password_reset where account_id = ?`, [account.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
  });
});
