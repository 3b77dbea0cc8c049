// What the scenarios share in one run: the private PostgreSQL, the API processes, the seeded main tenant
// (10 000 customers) and signed-in sessions, the report.
import { type Api, ADMIN, startApi } from './api.mts';
import { type BenchPostgres } from './postgres.mts';
import { Client, login, loginPlatform, onboardTenant, type Tenant } from './http.mts';
import { Report } from './report.mts';

export const MAIN_TENANT = 'bench-main';
export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
/** Concurrent clients of the throughput scenarios (SPEC 7: 32). */
export const CLIENTS = 32;

export interface Settings {
  /** Length of one measured run, in seconds. */
  seconds: number;
  /** Measured runs per side; the median is reported. */
  rounds: number;
  cpuProfile: boolean;
}

export class Bench {
  private readonly apis: Api[] = [];
  private main?: Tenant;
  private sessions = new Map<string, string[]>();
  private staffAccounts = new Map<string, { email: string; password: string }[]>();
  private admin?: Client;

  readonly pg: BenchPostgres;
  readonly report: Report;
  readonly settings: Settings;
  readonly say: (line: string) => void;

  constructor(pg: BenchPostgres, report: Report, settings: Settings, say: (line: string) => void) {
    this.pg = pg;
    this.report = report;
    this.settings = settings;
    this.say = say;
  }

  /**
   * An API process in production mode, with the defaults: successful logins do not count against the address
   * limit, so the login storm from one loopback address is not throttled.
   */
  async api(env: Record<string, string> = {}): Promise<Api> {
    const api = await startApi({ databaseUrl: this.pg.url, cpuProfile: this.settings.cpuProfile, env });
    this.apis.push(api);
    this.say(`  API pid ${api.pid} at ${api.origin} ${Object.keys(env).length ? JSON.stringify(env) : ''}(log: ${api.logFile})`);
    return api;
  }

  async stopApi(api: Api): Promise<void> {
    await api.stop();
    this.apis.splice(this.apis.indexOf(api), 1);
  }

  async stopAll(): Promise<void> {
    for (const api of [...this.apis]) await this.stopApi(api);
  }

  async platformAdmin(api: Api): Promise<Client> {
    this.admin ??= await loginPlatform(api.origin, ADMIN);
    return new Client(api.origin, this.admin.cookie);
  }

  /** The tenant with CUSTOMERS customers (onboarded through the API, customers inserted with SQL). */
  async mainTenant(api: Api): Promise<Tenant> {
    if (this.main) return this.main;
    this.say(`seeding: onboarding ${MAIN_TENANT}`);
    const tenant = await onboardTenant(await this.platformAdmin(api), MAIN_TENANT);
    await this.seedCustomers(tenant.schema, CUSTOMERS);
    this.main = tenant;
    return tenant;
  }

  async seedCustomers(schema: string, count: number, say = true): Promise<void> {
    const batch = 2_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await this.pg.sql(
        `insert into "${schema}".customer (id, company_name, contact_name, email, phone, street_address, postal_code, city, billing_first_name, billing_last_name, created_at, updated_at)
         select gen_random_uuid(), case when g % 3 = 0 then 'Yritys ' || g || ' Oy' end, 'Asiakas ' || g, 'customer' || g || '@example.test',
                '+35840' || lpad(g::text, 7, '0'), 'Katu ' || g, lpad((g % 99999)::text, 5, '0'), 'Helsinki', 'Etu' || g, 'Suku' || g,
                date_trunc('milliseconds', now() - g * interval '1 minute'), now()
         from generate_series($1::int, $2::int) g`,
        [from, to],
      );
      if (say) this.say(`  customers ${to}/${count}`);
    }
    await this.pg.sql(`analyze "${schema}".customer`);
  }

  /** `count` staff accounts of the tenant (invited by the owner, each with its own password), made once and reused. */
  async staff(api: Api, tenant: Tenant, count: number): Promise<{ email: string; password: string }[]> {
    const have = this.staffAccounts.get(tenant.slug) ?? [];
    const owner = have.length < count ? await login(api.origin, tenant) : undefined;
    while (have.length < count) {
      const n = have.length + 1;
      const account = { email: `staff${n}@${tenant.slug}.test`, password: `bench passphrase of staff ${n} at ${tenant.slug}` };
      const invited = await owner!.ok<{ invitationUrl: string }>('POST', `/api/t/${tenant.slug}/staff`, { email: account.email, name: `Staff ${n}`, role: 'staff' });
      const token = new URL(invited.invitationUrl).hash.replace('#token=', '');
      await new Client(api.origin).ok('POST', `/api/t/${tenant.slug}/invitations/accept`, { token, password: account.password });
      have.push(account);
    }
    this.staffAccounts.set(tenant.slug, have);
    return have.slice(0, count);
  }

  /** `count` separate signed-in sessions of the tenant's owner (cookies), made once and reused. */
  async cookies(api: Api, tenant: Tenant, count: number): Promise<string[]> {
    const have = this.sessions.get(tenant.slug) ?? [];
    while (have.length < count) have.push((await login(api.origin, tenant)).cookie!);
    this.sessions.set(tenant.slug, have);
    return have.slice(0, count);
  }
}
