// Platform transactions (issue 13 part 1): with no tenant bound, `DatabaseContext.transaction()` holds the one open
// transaction of the context as `TenantContext.transaction()` does for a tenant; both are the same slot, so a tenant
// transaction that also writes platform tables (the erasure ledger, the outbox) writes them in it.
import { randomUUID } from 'node:crypto';
import { DatabaseContext } from '@app/database';
import { TenantContext, type TenantScope } from '@app/tenancy';
import { ServiceTestContext } from '@app/testing';

describe('DatabaseContext.transaction', () => {
  let ctx: ServiceTestContext;
  let tenant: TenantScope;
  let database: DatabaseContext;
  let context: TenantContext;

  beforeAll(async () => {
    ctx = await ServiceTestContext.create();
    tenant = await ctx.newTenant();
    database = ctx.get(DatabaseContext);
    context = ctx.get(TenantContext);
  });
  afterAll(() => ctx?.close());

  const ledger = (customerId: string) => database.sql('insert into platform.erasure_ledger (tenant_id, customer_id, request_id) values ($1, $2, null)', [tenant.tenantId, customerId]);
  const inLedger = async (customerId: string) => (await ctx.sql<{ n: string }>('select count(*) as n from platform.erasure_ledger where customer_id = ?', [customerId]))[0].n === '1';

  it('commits platform writes made inside it together, with no tenant bound', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await database.transaction(async () => {
      expect(context.isBound).toBe(false);
      await ledger(a);
      await database.transaction(() => ledger(b));
      expect(await inLedger(a)).toBe(false); // another connection does not see it yet
    });
    expect(await inLedger(a)).toBe(true);
    expect(await inLedger(b)).toBe(true);
  });

  it('rolls back every platform write, nested ones too, when anything inside throws', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await expect(
      database.transaction(async () => {
        await ledger(a);
        await database.transaction(() => ledger(b));
        throw new Error('step three failed');
      }),
    ).rejects.toThrow('step three failed');
    expect(await inLedger(a)).toBe(false);
    expect(await inLedger(b)).toBe(false);
  });

  it('outside a transaction, writes at once', async () => {
    const a = randomUUID();
    expect(database.inTransaction).toBe(false);
    await ledger(a);
    expect(await inLedger(a)).toBe(true);
  });

  it('is the tenant transaction when one is open: a platform write inside it rolls back with the tenant’s', async () => {
    const { id } = await ctx.newCustomer(tenant, { contactName: 'Before' });
    const a = randomUUID();
    await expect(
      ctx.inTenant(tenant, () =>
        context.transaction(async () => {
          await context.sql(`update ${context.table('customer')} set contact_name = 'Inside' where id = $1`, [id]);
          await database.transaction(() => ledger(a));
          expect(database.inTransaction).toBe(true);
          throw new Error('the tenant step failed');
        }),
      ),
    ).rejects.toThrow('the tenant step failed');
    expect(await inLedger(a)).toBe(false);
    expect((await ctx.sql<{ contact_name: string }>(`select contact_name from ${tenant.schema}.customer where id = ?`, [id]))[0].contact_name).toBe('Before');
  });

  it('opens the tenant’s transaction when a tenant is bound: tenant writes inside it join it', async () => {
    const { id } = await ctx.newCustomer(tenant, { contactName: 'Before' });
    const a = randomUUID();
    await expect(
      ctx.inTenant(tenant, () =>
        database.transaction(async () => {
          await ledger(a);
          await context.transaction(() => context.sql(`update ${context.table('customer')} set contact_name = 'Inside' where id = $1`, [id]));
          throw new Error('the platform step failed');
        }),
      ),
    ).rejects.toThrow('the platform step failed');
    expect(await inLedger(a)).toBe(false);
    expect((await ctx.sql<{ contact_name: string }>(`select contact_name from ${tenant.schema}.customer where id = ?`, [id]))[0].contact_name).toBe('Before');
  });
});
