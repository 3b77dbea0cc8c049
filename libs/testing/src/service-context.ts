// One service test file's world: its own database and the app's modules, without HTTP. For rules that live in
// services (STYLE.md: "rules in services, where tests reach them without HTTP"): no sessions, no logins, no
// request bodies; a tenant is bound in the TenantContext as a controller's guard would bind it.
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { type AppConfig, ControlledClock, systemActor } from '@app/core';
import { TenancyService, TenantContext, type TenantScope } from '@app/tenancy';
import { type CreateCustomerDto, type CustomerView, CustomersService } from '@app/customers';
import { AppModule } from '../../../apps/api/src/app';
import { createTestDatabase } from './test-database';
import { testConfig } from './test-context';

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export class ServiceTestContext {
  private constructor(
    private readonly module: TestingModule,
    readonly config: AppConfig,
    private readonly dropDatabase: () => Promise<void>,
    /** The app's clock: follows the system clock until a test sets it. */
    readonly clock: ControlledClock,
  ) {}

  static async create(overrides: Partial<AppConfig> = {}): Promise<ServiceTestContext> {
    const db = await createTestDatabase();
    const config = testConfig(overrides);
    const clock = new ControlledClock();
    const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config, db.url, clock)] }).compile();
    await module.init();
    return new ServiceTestContext(module, config, db.drop, clock);
  }

  async close(): Promise<void> {
    await this.module.close();
    await this.dropDatabase();
  }

  /** A provider of the app, by its class or its injection token. */
  get<T>(token: (new (...args: never[]) => T) | symbol): T {
    return this.module.get<T>(token);
  }

  get orm(): MikroORM {
    return this.module.get(MikroORM);
  }

  /** Runs `step` with the app's clock at `when`, then lets the clock follow the system again. */
  at<T>(when: Date | string, step: () => Promise<T>): Promise<T> {
    return this.clock.during(when, step);
  }

  /** Runs `step` with `tenant` bound in the TenantContext, as a tenant route's guard binds it. */
  inTenant<T>(tenant: TenantScope, step: () => Promise<T>): Promise<T> {
    return this.get(TenantContext).run(tenant, step);
  }

  /** Onboards a tenant (its schema migrated, its register settings at their defaults); no one logs in to it. */
  async newTenant(fields: Partial<{ slug: string; legalName: string }> = {}): Promise<TenantScope> {
    const slug = fields.slug ?? unique('s-');
    const tenancy = this.get(TenancyService);
    await tenancy.onboard(
      systemActor('test'),
      {
        slug,
        legalName: fields.legalName ?? `Tenant ${slug}`,
        businessId: '2832233-5',
        streetAddress: 'Merivirta 5A',
        postalCode: '02320',
        city: 'Espoo',
        contactEmail: `owner@${slug}.test`,
        contactPerson: 'Owner Person',
      },
    );
    return (await tenancy.findScope(slug))!;
  }

  /** Registers a customer in the tenant through the service, with a unique e-mail and a billing address unless given. */
  newCustomer(tenant: TenantScope, fields: CreateCustomerDto = {}): Promise<CustomerView> {
    const data: CreateCustomerDto = { contactName: 'Test Customer', email: `${unique('customer')}@customer.test`, streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki', ...fields };
    return this.inTenant(tenant, () => this.get(CustomersService).create(systemActor('test'), data));
  }

  /** Runs SQL straight against this test's database (for assertions on what was written). */
  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await this.orm.em.fork().execute(query, params)) as T[];
  }
}
