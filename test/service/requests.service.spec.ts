// Deadlines of data-subject requests (GDPR Art. 12(3)), reached through RequestsService without HTTP.
import { systemActor } from '@app/core';
import { RequestsService } from '@app/requests';
import type { TenantScope } from '@app/tenancy';
import { ServiceTestContext } from '@app/testing';

describe('RequestsService deadlines', () => {
  let ctx: ServiceTestContext;
  let tenant: TenantScope;
  let requests: RequestsService;

  beforeAll(async () => {
    ctx = await ServiceTestContext.create();
    tenant = await ctx.newTenant();
    requests = ctx.get(RequestsService);
  });
  afterAll(() => ctx?.close());

  const inTenant = <T>(step: () => Promise<T>) => ctx.inTenant(tenant, step);
  /** A request received at `receivedAt`, from a customer registered a day before it. */
  async function received(receivedAt: string) {
    const since = new Date(new Date(receivedAt).getTime() - 86_400_000).toISOString();
    const customer = await ctx.at(since, () => ctx.newCustomer(tenant));
    return ctx.at(receivedAt, () => inTenant(() => requests.record(systemActor('test'), { customerId: customer.id, type: 'access', channel: 'email' })));
  }

  it('is due one month after receipt, on the last day of a shorter month', async () => {
    expect((await received('2026-01-31T10:00:00Z')).dueAt).toEqual(new Date('2026-02-28T10:00:00Z'));
    expect((await received('2026-03-15T08:30:00Z')).dueAt).toEqual(new Date('2026-04-15T08:30:00Z'));
  });

  it('extends once to three months from receipt (not from the first deadline)', async () => {
    const request = await received('2026-01-31T10:00:00Z');
    const extended = await ctx.at('2026-02-10T10:00:00Z', () => inTenant(() => requests.extend(systemActor('test'), request.id, 'Laaja pyyntö')));
    expect(extended.dueAt).toEqual(new Date('2026-04-30T10:00:00Z'));
    await expect(ctx.at('2026-02-11T10:00:00Z', () => inTenant(() => requests.extend(systemActor('test'), request.id, 'Taas')))).rejects.toMatchObject({ code: 'request-already-extended', status: 409 });
  });

  it('cannot be extended once its deadline has passed', async () => {
    const request = await received('2026-01-05T10:00:00Z');
    await expect(ctx.at('2026-02-05T10:00:01Z', () => inTenant(() => requests.extend(systemActor('test'), request.id, 'Myöhässä')))).rejects.toMatchObject({ code: 'request-overdue' });
    expect((await ctx.at('2026-02-05T10:00:01Z', () => inTenant(() => requests.get(request.id)))).overdue).toBe(true);
  });
});
