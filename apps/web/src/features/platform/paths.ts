// The platform console's addresses. The invitation address is fixed: the platform staff e-mail links to it.
export const platformPaths = {
  login: (next?: string) => `/platform/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  invitation: () => '/platform/invitation',
  forgotPassword: () => '/platform/forgot-password',
  resetPassword: () => '/platform/reset-password',
  tenants: (search: { q?: string; status?: string } = {}) => {
    const params = new URLSearchParams();
    if (search.q) params.set('q', search.q);
    if (search.status) params.set('status', search.status);
    const query = params.toString();
    return `/platform/tenants${query ? `?${query}` : ''}`;
  },
  newTenant: () => '/platform/tenants/new',
  tenant: (slug: string) => `/platform/tenants/${encodeURIComponent(slug)}`,
  staff: () => '/platform/staff',
  accessLog: () => '/platform/access-log',
  processingRecord: () => '/platform/processing-record',
  incidents: () => '/platform/incidents',
  newIncident: () => '/platform/incidents/new',
  incident: (id: string) => `/platform/incidents/${encodeURIComponent(id)}`,
};

/** Where to go after signing in: back where the user was, but only inside the platform console. */
export function safePlatformNext(next: string | null, home: string): string {
  if (!next) return home;
  const inside = next.startsWith('/platform/') && !next.startsWith('//') && !/[\\\s]/.test(next);
  const auth = /^\/platform\/(login|invitation|forgot-password|reset-password)(\?|#|$)/.test(next);
  return inside && !auth ? next : home;
}
