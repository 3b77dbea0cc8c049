// A cold load of a tenant's console page would otherwise wait in turn for the code, who is signed in (the shell's
// `me`), and only then the page's data (bench/web-customers.mjs --profile shows the chain). The server names the
// route's chunks in the page (apps/api/src/console.ts), and here, as soon as the entry runs, the shell's probe
// and the customers page's first list start together; the shell and the page then find them in the cache. For
// the plain customers page the server's page has already asked for both (`<link rel="preload" as="fetch">`):
// these calls, to the same URLs, are then answered from what the browser fetched while the code compiled.
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../features/auth/queries';
import { listSearchFrom } from '../features/customers/customer-sort';
import { customerListQuery } from '../features/customers/queries';

/** The tenant of a console page inside the shell (not sign-in, the invitation, the portal or the public pages). */
function shellTenant(pathname: string): string | null {
  const match = /^\/t\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match || /^\/(login|invitation|privacy|portal)(\/|$)/.test(match[2] ?? '/')) return null;
  return decodeURIComponent(match[1]);
}

/**
 * Starts the route's first calls. The list is marked as a session probe like `me`: without a session the shell
 * sends the user to sign-in as it always did (no "session expired" on a first visit), and the page, once shown,
 * fetches again whatever failed here.
 */
export function prefetchRouteData(queryClient: QueryClient, { pathname, search }: { pathname: string; search: string }): void {
  const tenant = shellTenant(pathname);
  if (!tenant) return;
  void queryClient.prefetchQuery(meQuery(tenant));
  // The customers page, or `/t/:tenant`, which leads there without a search.
  const customers = /^\/t\/[^/]+(\/customers)?\/?$/.exec(pathname);
  if (customers) {
    const params = new URLSearchParams(customers[1] ? search : '');
    void queryClient.prefetchQuery({ ...customerListQuery(tenant, listSearchFrom(params)), meta: { sessionProbe: true } });
  }
}
