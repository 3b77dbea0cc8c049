// Issue 18: the customers page's ratio measured for two more everyday reads, the same way (bench/README.md,
// "Customers page"): the invoice list of staff (50 of 1 000 invoices, overdue first, with the sums) and the portal's
// `GET me` of a signed-in customer (profile, consents, requests). Each against pgbench replaying its own statements.
import type { Api } from '../lib/api.mts';
import { type Bench, CLIENTS } from '../lib/context.mts';
import { Client, login } from '../lib/http.mts';
import { measureRequest } from './customers.mts';

const INVOICES = 1_000;
const INVOICE_CUSTOMERS = 100;

/** Runs `work` over `items`, `concurrency` at a time. */
async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += concurrency) await Promise.all(items.slice(i, i + concurrency).map(work));
}

async function firstCustomers(staff: Client, slug: string, count: number): Promise<{ id: string; email: string }[]> {
  const page = await staff.ok<{ items: { id: string; email: string }[] }>('GET', `/api/t/${slug}/customers?limit=${count}`);
  return page.items;
}

export async function invoicesScenario(bench: Bench, api: Api): Promise<void> {
  const tenant = await bench.mainTenant(api);
  const staff = await login(api.origin, tenant);
  const customers = await firstCustomers(staff, tenant.slug, INVOICE_CUSTOMERS);
  bench.say(`seeding: ${INVOICES} invoices over ${customers.length} customers (through the API, half of them issued)`);
  await inBatches([...Array(INVOICES).keys()], 16, async (i) => {
    const lines = [{ description: `Hieronta ${i}`, quantity: 1 + (i % 3), unitPriceCents: 4_500 + i, vatRate: 25.5 }];
    const draft = await staff.ok<{ id: string }>('POST', `/api/t/${tenant.slug}/invoices`, { customerId: customers[i % customers.length]!.id, lines });
    if (i % 2 === 0) await staff.ok('POST', `/api/t/${tenant.slug}/invoices/${draft.id}/issue`, {});
  });
  await measureRequest(bench, api, {
    name: `invoice list (50 of ${INVOICES.toLocaleString('fi-FI')})`,
    path: `/api/t/${tenant.slug}/invoices?limit=50`,
    cookies: await bench.cookies(api, tenant, CLIENTS),
    isPageQuery: (sql) => /\."?invoice"? i\b/.test(sql) && /\blimit\b/i.test(sql),
    check: (body) => (body as { items?: unknown[] }).items?.length === 50,
  });
}

export async function portalMeScenario(bench: Bench, api: Api): Promise<void> {
  const tenant = await bench.mainTenant(api);
  const staff = await login(api.origin, tenant);
  const customers = await firstCustomers(staff, tenant.slug, CLIENTS);
  bench.say(`seeding: ${customers.length} customers invited to the portal, each signed in once`);
  const cookies: string[] = [];
  await inBatches(customers, 4, async (customer) => {
    const invitation = await staff.ok<{ invitationUrl: string }>('POST', `/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`);
    const token = new URL(invitation.invitationUrl).hash.replace('#token=', '');
    const password = `portal passphrase of ${customer.id}`;
    await new Client(api.origin).ok('POST', `/api/t/${tenant.slug}/portal/invitations/accept`, { token, password });
    const person = new Client(api.origin);
    await person.ok('POST', `/api/t/${tenant.slug}/portal/login`, { email: customer.email, password });
    cookies.push(person.cookie!);
  });
  await measureRequest(bench, api, {
    name: "portal's GET me",
    path: `/api/t/${tenant.slug}/portal/me`,
    cookies,
    isPageQuery: (sql) => /\."?customer"?\s/.test(sql) && !/portal_account/.test(sql),
    check: (body) => typeof (body as { profile?: { id?: string } }).profile?.id === 'string',
  });
}
