// A minimal browser-like client for seeding through the public API: keeps the session cookie, sends
// JSON with the Origin the CSRF check expects.
export class Client {
  readonly origin: string;
  cookie?: string;

  constructor(origin: string, cookie?: string) {
    this.origin = origin;
    this.cookie = cookie;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; ms: number }> {
    const headers: Record<string, string> = { origin: this.origin };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    const started = performance.now();
    const res = await fetch(this.origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = performance.now() - started;
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rekisteri.sid='));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, ms };
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  }
}

export interface Tenant {
  slug: string;
  id: string;
  schema: string;
  owner: { email: string; password: string };
}

export function onboardingBody(slug: string) {
  return {
    slug,
    legalName: `Bench ${slug} Oy`,
    businessId: '2832233-5',
    streetAddress: 'Merivirta 5A',
    postalCode: '02320',
    city: 'Espoo',
    contactEmail: `owner@${slug}.test`,
    contactPerson: 'Olli Omistaja',
  };
}

/** Onboards a tenant as a platform admin and sets its owner's password through the invitation. */
export async function onboardTenant(admin: Client, slug: string): Promise<Tenant & { onboardingMs: number }> {
  const res = await admin.request<{ tenant: { id: string }; owner: { invitationUrl: string } }>('POST', '/api/platform/tenants', onboardingBody(slug));
  if (res.status !== 201) throw new Error(`onboarding ${slug} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const token = new URL(res.body.owner.invitationUrl).hash.replace('#token=', '');
  const owner = { email: `owner@${slug}.test`, password: `bench passphrase of ${slug}` };
  await new Client(admin.origin).ok('POST', `/api/t/${slug}/invitations/accept`, { token, password: owner.password });
  const id = res.body.tenant.id;
  return { slug, id, schema: 'tenant_' + id.replace(/-/g, ''), owner, onboardingMs: res.ms };
}

export async function login(origin: string, tenant: Pick<Tenant, 'slug' | 'owner'>): Promise<Client> {
  const client = new Client(origin);
  await client.ok('POST', `/api/t/${tenant.slug}/login`, tenant.owner);
  return client;
}

export async function loginPlatform(origin: string, credentials: { email: string; password: string }): Promise<Client> {
  const client = new Client(origin);
  await client.ok('POST', '/api/platform/login', credentials);
  return client;
}
