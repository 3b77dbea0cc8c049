import { type InvoiceFilters, searchOf } from '../features/invoices/invoice-filters';

// The console's own addresses. Some are fixed (SPEC 9: e-mails and bookmarks link to them); build links here.
export const paths = {
  login: (tenant: string, next?: string) => `/t/${tenant}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  invitation: (tenant: string) => `/t/${tenant}/invitation`,
  forgotPassword: (tenant: string) => `/t/${tenant}/forgot-password`,
  resetPassword: (tenant: string) => `/t/${tenant}/reset-password`,
  home: (tenant: string) => `/t/${tenant}/customers`,
  customers: (tenant: string, search: { q?: string; cursor?: string; sort?: string } = {}) => {
    const params = new URLSearchParams();
    if (search.q) params.set('q', search.q);
    // The default order (newest first) stays out of the URL.
    if (search.sort && search.sort !== '-created') params.set('sort', search.sort);
    if (search.cursor) params.set('cursor', search.cursor);
    const query = params.toString();
    return `/t/${tenant}/customers${query ? `?${query}` : ''}`;
  },
  newCustomer: (tenant: string) => `/t/${tenant}/customers/new`,
  customerImport: (tenant: string) => `/t/${tenant}/customers/import`,
  customerDuplicates: (tenant: string) => `/t/${tenant}/customers/duplicates`,
  customer: (tenant: string, id: string) => `/t/${tenant}/customers/${id}`,
  staff: (tenant: string) => `/t/${tenant}/staff`,
  settings: (tenant: string) => `/t/${tenant}/settings`,
  record: (tenant: string) => `/t/${tenant}/settings/record`,
  accessTransparency: (tenant: string, cursor?: string) => `/t/${tenant}/access-transparency${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  incidents: (tenant: string) => `/t/${tenant}/incidents`,
  incidentNotice: (tenant: string, noticeId: string) => `/t/${tenant}/incidents/notices/${noticeId}`,
  retention: (tenant: string, cursor?: string) => `/t/${tenant}/retention${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  newInvoice: (tenant: string, customerId: string) => `/t/${tenant}/customers/${customerId}/invoices/new`,
  invoices: (tenant: string, filters: InvoiceFilters = {}) => {
    const query = searchOf(filters);
    return `/t/${tenant}/invoices${query ? `?${query}` : ''}`;
  },
  customersExport: (tenant: string) => `/api/t/${tenant}/customers/export`,
  registerArchive: (tenant: string) => `/api/t/${tenant}/register/archive`,
  bankImport: (tenant: string) => `/t/${tenant}/invoices/bank`,
  invoice: (tenant: string, id: string) => `/t/${tenant}/invoices/${id}`,
  invoicePrint: (tenant: string, id: string) => `/t/${tenant}/invoices/${id}/print`,
  requests: (tenant: string) => `/t/${tenant}/requests`,
  request: (tenant: string, id: string) => `/t/${tenant}/requests/${id}`,
};

/** The customer portal's and the public pages' addresses (SPEC 9 fixes the sign-in, invitation and public ones). */
export const portalPaths = {
  login: (tenant: string, next?: string) => `/t/${tenant}/portal/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  invitation: (tenant: string) => `/t/${tenant}/portal/invitation`,
  forgotPassword: (tenant: string) => `/t/${tenant}/portal/forgot-password`,
  resetPassword: (tenant: string) => `/t/${tenant}/portal/reset-password`,
  home: (tenant: string) => `/t/${tenant}/portal`,
  marketing: (tenant: string) => `/t/${tenant}/portal/marketing`,
  requests: (tenant: string) => `/t/${tenant}/portal/requests`,
  privacy: (tenant: string, lang?: 'fi' | 'en') => `/t/${tenant}/privacy${lang ? `?lang=${lang}` : ''}`,
  accessibility: () => '/accessibility',
};

/** Where to go after signing in to the portal: back where the customer was, but only inside this tenant's portal. */
export function safePortalNext(tenant: string, next: string | null): string {
  if (!next) return portalPaths.home(tenant);
  const inPortal = (next === `/t/${tenant}/portal` || next.startsWith(`/t/${tenant}/portal/`)) && !next.startsWith('//') && !/[\\\s]/.test(next);
  const auth = /^\/t\/[^/]+\/portal\/(login|invitation|forgot-password|reset-password)(\?|#|$)/.test(next);
  return inPortal && !auth ? next : portalPaths.home(tenant);
}

/** Where to go after signing in: back where the user was, but only inside this tenant's console. */
export function safeNext(tenant: string, next: string | null): string {
  if (!next) return paths.home(tenant);
  const inTenant = next.startsWith(`/t/${tenant}/`) && !next.startsWith('//') && !/[\\\s]/.test(next);
  const auth = /^\/t\/[^/]+\/(login|invitation|forgot-password|reset-password)(\?|#|$)/.test(next);
  return inTenant && !auth ? next : paths.home(tenant);
}
