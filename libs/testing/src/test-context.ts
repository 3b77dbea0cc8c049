// One test file's world: its own database, the real HTTP app, and factories that build data through services.
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Response as SuperagentResponse } from 'superagent';
import TestAgent from 'supertest/lib/agent';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { DestinationStream } from 'pino';
import { AppConfig, ControlledClock, loadConfig, type PlatformPrincipal, type PlatformRole, systemActor, type TenantRole } from '@app/core';
import { TenancyService, TenantContext, TenantMembersService } from '@app/tenancy';
import { AuthService, PasswordService, PlatformStaffService } from '@app/auth';
import { type CustomerView, CustomersService, type CreateCustomerDto } from '@app/customers';
import { PortalAccountsService } from '@app/portal';
import { createApp } from '../../../apps/api/src/app';
import { createTestDatabase } from './test-database';

export type Agent = InstanceType<typeof TestAgent>;

export interface Credentials {
  email: string;
  password: string;
}

export interface TestTenant {
  id: string;
  slug: string;
  schema: string;
  owner: Credentials;
}

/** The configuration of a test's app: quiet, its own data directory and session secret. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return loadConfig(
    {},
    {
      nodeEnv: 'test',
      logLevel: (process.env.TEST_LOG_LEVEL as AppConfig['logLevel']) ?? 'silent',
      dataDir: mkdtempSync(join(tmpdir(), 'rekisteri-data-')),
      sessionSecret: randomBytes(32).toString('hex'),
      // A generous address limit unless a test is about throttling: tests fail logins on purpose, all from one address.
      loginMaxFailuresPerAddress: 10_000,
      // No spare schemas unless a test is about them: a refill mid-test would be work no test asked for.
      spareTenantSchemas: 0,
      ...overrides,
    },
  );
}

/** The one-time token of an invitation (or reset) link: it rides in the fragment. */
export function invitationToken(url: string): string {
  return new URL(url).hash.replace('#token=', '');
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export class TestContext {
  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly databaseUrl: string,
    private readonly dropDatabase: () => Promise<void>,
    /** The app's clock: follows the system clock until a test sets it. */
    readonly clock: ControlledClock,
  ) {}

  /** `harness.logTo` receives the app's log lines (JSON, one per line) instead of standard output. */
  static async create(overrides: Partial<AppConfig> = {}, harness: { logTo?: DestinationStream } = {}): Promise<TestContext> {
    const db = await createTestDatabase();
    const config = testConfig(overrides);
    const clock = new ControlledClock();
    const app = await createApp(config, db.url, clock, harness.logTo);
    return new TestContext(app, config, db.url, db.drop, clock);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.dropDatabase();
  }

  /** Runs `step` with the app's clock at `when`, then lets the clock follow the system again. */
  at<T>(when: Date | string, step: () => Promise<T>): Promise<T> {
    return this.clock.during(when, step);
  }

  /** A provider of the app, by its class or its injection token (such as PG_POOL). */
  get<T>(token: (new (...args: never[]) => T) | symbol): T {
    return this.app.get<T>(token);
  }

  get orm(): MikroORM {
    return this.app.get(MikroORM);
  }

  /** A browser-like client that keeps its cookies. */
  agent(): Agent {
    return request.agent(this.app.getHttpServer());
  }

  http() {
    return request(this.app.getHttpServer());
  }

  /**
   * A member of platform staff holding exactly these roles. Roles that need a second admin are given the way
   * the product gives them: one admin proposes, another approves (two witness admins of this context).
   */
  async newPlatformStaff(roles: PlatformRole[] = ['platform_admin']): Promise<Credentials & { id: string }> {
    const email = `${unique('staff')}@platform.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const staff = this.get(PlatformStaffService);
    const created = await staff.createAdmin(email, 'Test staff', await this.get(PasswordService).hash(password));
    if (roles.length !== 1 || roles[0] !== 'platform_admin') {
      const [proposer, approver] = await this.witnessAdmins();
      const proposed = await staff.setRoles(await this.platformPrincipal(proposer), created.id, roles);
      for (const grant of proposed.pendingGrants) await staff.approveGrant(await this.platformPrincipal(approver), created.id, grant.id);
    }
    return { id: created.id, email, password };
  }

  /** The principal of a member of platform staff, as the guard would load it, for calling services as them. */
  async platformPrincipal(id: string): Promise<PlatformPrincipal> {
    const principal = await this.get(PlatformStaffService).loadPrincipal(id);
    if (!principal) throw new Error(`no active platform staff member ${id}`);
    return principal;
  }

  private witnesses?: Promise<[string, string]>;

  /** Two platform admins that exist only to propose and approve the grants the factories need. */
  private witnessAdmins(): Promise<[string, string]> {
    this.witnesses ??= (async () => {
      const staff = this.get(PlatformStaffService);
      const hash = await this.get(PasswordService).hash(randomBytes(16).toString('hex'));
      const one = await staff.createAdmin(`${unique('witness')}@platform.test`, 'Witness admin', hash);
      const two = await staff.createAdmin(`${unique('witness')}@platform.test`, 'Witness admin', hash);
      return [one.id, two.id];
    })();
    return this.witnesses;
  }

  async loginPlatform(credentials: Credentials): Promise<Agent> {
    const agent = this.agent();
    const res = await agent.post('/api/platform/login').send({ email: credentials.email, password: credentials.password });
    if (res.status !== 200) throw new Error(`platform login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return agent;
  }

  async newPlatformAdminAgent(): Promise<Agent> {
    return this.loginPlatform(await this.newPlatformStaff(['platform_admin']));
  }

  /** Onboards a tenant through the service and gives its owner a password. */
  async newTenant(fields: Partial<{ slug: string; legalName: string; businessId: string }> = {}): Promise<TestTenant> {
    const slug = fields.slug ?? unique('t-');
    const ownerEmail = `owner@${slug}.test`;
    const result = await this.get(TenancyService).onboard(
      systemActor('test'),
      {
        slug,
        legalName: fields.legalName ?? `Tenant ${slug}`,
        businessId: fields.businessId ?? '2832233-5',
        streetAddress: 'Merivirta 5A',
        postalCode: '02320',
        city: 'Espoo',
        contactEmail: ownerEmail,
        contactPerson: 'Owner Person',
      },
    );
    const token = invitationToken(result.owner.invitationUrl);
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const scope = (await this.get(TenancyService).findScope(slug))!;
    await this.get(TenantContext).run(scope, () => this.get(AuthService).acceptInvitation('tenant-staff', token, password));
    return { id: result.tenant.id, slug, schema: scope.schema, owner: { email: ownerEmail, password } };
  }

  async newTenantStaff(tenant: TestTenant, role: TenantRole = 'staff'): Promise<Credentials & { id: string }> {
    const scope = (await this.get(TenancyService).findScope(tenant.slug))!;
    const email = `${unique(role)}@${tenant.slug}.test`;
    const invitation = await this.get(TenantContext).run(scope, () => this.get(TenantMembersService).invite(systemActor('test'), { email, name: `Test ${role}`, role }));
    const password = `pw-${randomBytes(12).toString('hex')}`;
    await this.get(TenantContext).run(scope, () => this.get(AuthService).acceptInvitation('tenant-staff', invitationToken(invitation.invitationUrl), password));
    return { id: invitation.id, email, password };
  }

  async loginTenant(tenant: TestTenant, credentials: Credentials): Promise<Agent> {
    const agent = this.agent();
    const res = await agent.post(`/api/t/${tenant.slug}/login`).send({ email: credentials.email, password: credentials.password });
    if (res.status !== 200) throw new Error(`tenant login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return agent;
  }

  /** Registers a customer in the tenant through the service (as staff would), with a unique e-mail unless given. */
  async newCustomer(tenant: TestTenant, fields: CreateCustomerDto = {}): Promise<CustomerView> {
    const scope = (await this.get(TenancyService).findScope(tenant.slug))!;
    const data: CreateCustomerDto = { contactName: 'Test Customer', email: `${unique('customer')}@customer.test`, ...fields };
    return this.get(TenantContext).run(scope, () => this.get(CustomersService).create(systemActor('test'), data));
  }

  /** A customer with a portal account whose invitation is accepted: the credentials to log in to the portal. */
  async newPortalCustomer(tenant: TestTenant, fields: CreateCustomerDto = {}): Promise<Credentials & { id: string }> {
    const customer = await this.newCustomer(tenant, fields);
    const scope = (await this.get(TenancyService).findScope(tenant.slug))!;
    const invitation = await this.get(TenantContext).run(scope, () => this.get(PortalAccountsService).invite(systemActor('test'), customer.id));
    const password = `pw-${randomBytes(12).toString('hex')}`;
    await this.get(TenantContext).run(scope, () => this.get(AuthService).acceptInvitation('customer', invitationToken(invitation.invitationUrl), password));
    return { id: customer.id, email: invitation.email, password };
  }

  async loginPortal(tenant: TestTenant, credentials: Credentials): Promise<Agent> {
    const agent = this.agent();
    const res = await agent.post(`/api/t/${tenant.slug}/portal/login`).send({ email: credentials.email, password: credentials.password });
    if (res.status !== 200) throw new Error(`portal login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return agent;
  }

  /**
   * The first match of `pattern` in a mail to `to` among the .eml files the app wrote (mail goes through the
   * outbox, so it arrives a moment after the request); matches whose first group is in `seen` are passed over.
   * Waits up to `timeoutMs`, then fails.
   */
  async mailMatching(to: string, pattern: RegExp, seen: string[] = [], timeoutMs = 10_000): Promise<RegExpExecArray> {
    const dir = join(this.config.dataDir, 'mail');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const files = existsSync(dir) ? readdirSync(dir).sort().reverse() : [];
      for (const file of files) {
        const raw = readFileSync(join(dir, file), 'latin1').replace(/=\r?\n/g, '');
        // Quoted-printable: "=3D" is "=", and the bytes of UTF-8 letters are escaped one by one.
        const mail = Buffer.from(raw.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
        const match = new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(mail) ? pattern.exec(mail) : null;
        if (match && !seen.includes(match[1])) return match;
      }
      if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Runs SQL straight against this test's database (for assertions on what was written). */
  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await this.orm.em.fork().execute(query, params)) as T[];
  }
}

export function problemOf(res: request.Response): { type: string; title: string; status: number; detail?: string; requestId?: string; errors?: { field: string; message: string }[] } {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.body;
}

/** A supertest `.parse()` that collects a streamed body as text (downloads, exports). */
export function textBody(res: SuperagentResponse, cb: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let data = '';
  stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
  stream.on('end', () => cb(null, data));
}
