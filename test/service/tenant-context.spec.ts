// The open transaction travels in the tenant context (issue 13 part 1): what a service does inside
// `TenantContext.transaction()` is one transaction, whichever repository writes, and a nested call joins it.
import { TenantContext, type TenantScope } from '@app/tenancy';
import { ServiceTestContext } from '@app/testing';

describe('TenantContext.transaction', () => {
  let ctx: ServiceTestContext;
  let tenant: TenantScope;
  let context: TenantContext;

  beforeAll(async () => {
    ctx = await ServiceTestContext.create();
    tenant = await ctx.newTenant();
    context = ctx.get(TenantContext);
  });
  afterAll(() => ctx?.close());

  const inTenant = <T>(step: () => Promise<T>) => ctx.inTenant(tenant, step);
  const rename = (id: string, name: string) => context.sql(`update ${context.table('customer')} set contact_name = $1 where id = $2`, [name, id]);
  const nameOf = async (id: string) => (await ctx.sql<{ contact_name: string }>(`select contact_name from ${tenant.schema}.customer where id = ?`, [id]))[0].contact_name;

  it('commits every write made inside it together', async () => {
    const { id } = await ctx.newCustomer(tenant, { contactName: 'Before' });
    await inTenant(() => context.transaction(async () => {
      await rename(id, 'Inside');
      await context.transaction(() => rename(id, 'Nested'));
    }));
    expect(await nameOf(id)).toBe('Nested');
  });

  it('rolls back every write, nested ones too, when anything inside throws', async () => {
    const { id } = await ctx.newCustomer(tenant, { contactName: 'Before' });
    await expect(inTenant(() => context.transaction(async () => {
      await rename(id, 'Outer');
      await context.transaction(() => rename(id, 'Nested'));
      throw new Error('step three failed');
    }))).rejects.toThrow('step three failed');
    expect(await nameOf(id)).toBe('Before');
  });

  it('is not visible outside until it commits', async () => {
    const { id } = await ctx.newCustomer(tenant, { contactName: 'Before' });
    await inTenant(() => context.transaction(async () => {
      await rename(id, 'Uncommitted');
      expect(await nameOf(id)).toBe('Before'); // another connection still sees the old name
      expect((await context.sql<{ contact_name: string }>(`select contact_name from ${context.table('customer')} where id = $1`, [id]))[0].contact_name).toBe('Uncommitted');
    }));
  });

  it('refuses to run without a bound tenant', async () => {
    await expect(context.transaction(async () => undefined)).rejects.toThrow('No tenant context');
  });
});
