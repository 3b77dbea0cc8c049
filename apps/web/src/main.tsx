// The console's entry: language, data, routes. A lapsed session anywhere leads to sign-in and back.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { paths, portalPaths } from './app/paths';
import { LocaleProvider } from './app/providers';
import { prefetchRouteData } from './app/route-data';
import { createQueryClient } from './app/query-client';
import { createRouter } from './app/router';
import './app/global.css';

const router = createRouter();

const queryClient = createQueryClient({
  onUnauthenticated() {
    const { pathname, search } = window.location;
    if (pathname.startsWith('/platform/')) {
      if (/^\/platform\/(login|invitation)$/.test(pathname)) return;
      void router.navigate(`/platform/login?next=${encodeURIComponent(pathname + search)}&reason=expired`, { replace: true }).then(() => queryClient.clear());
      return;
    }
    const tenant = /^\/t\/([^/]+)\//.exec(pathname)?.[1];
    if (!tenant || /\/(login|invitation)$/.test(pathname)) return;
    if (pathname.startsWith(`/t/${tenant}/portal`)) {
      void router.navigate(`${portalPaths.login(tenant, pathname + search)}&reason=expired`, { replace: true }).then(() => queryClient.clear());
      return;
    }
    void router.navigate(`${paths.login(tenant, pathname + search)}&reason=expired`, { replace: true }).then(() => queryClient.clear());
  },
});

prefetchRouteData(queryClient, window.location);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LocaleProvider>
  </StrictMode>,
);
