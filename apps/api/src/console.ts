// Serves the built web console (apps/web) at `/`: hashed assets cached for good, index.html never cached, and
// every other GET outside /api answered with index.html, so the console's own addresses (/t/:tenant/login,
// /t/:tenant/invitation#token=…, bookmarks) load the app, which routes them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { PROBLEM_CONTENT_TYPE, problemForStatus } from '@app/core';

/** SPEC 9, verbatim: nothing inline, nothing from elsewhere, never framed. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const IMMUTABLE = 'public, max-age=31536000, immutable';
const pageHeaders = helmet({ contentSecurityPolicy: false, frameguard: { action: 'deny' } });

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The security headers of pages and their assets (the API keeps its own). */
export function pageSecurityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  pageHeaders(req, res, next);
}

/** What the build's manifest (dist/web/.vite/manifest.json) says of a chunk; keys are source paths. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * The chunks of a route's pages, by the pages' source files: the tenant's shell, and the customers page that a
 * tenant's address opens first. Without hints the browser learns of them only once the entry has run (and
 * then asks for two dozen files at once); with them it fetches them alongside the entry (bench/web-customers.mjs).
 */
const ROUTE_CHUNKS: { test: RegExp; pages: string[] }[] = [
  { test: /^\/t\/[^/]+(\/customers)?\/?$/, pages: ['src/app/shell/TenantShell.tsx', 'src/features/customers/CustomersPage.tsx'] },
  { test: /^\/t\/[^/]+\/(?!(login|invitation|privacy|portal)(\/|$))/, pages: ['src/app/shell/TenantShell.tsx'] },
];

/** For a page's path, the `<link>`s that start its lazy chunks (scripts and styles) with the entry; '' for none. */
export function routePreloads(root: string): (path: string) => string {
  const manifestFile = join(root, '.vite', 'manifest.json');
  // Read again after a rebuild, like index.html (a stale list would name files that are gone).
  let read: { mtime: number; links: { test: RegExp; html: string }[] } | undefined;
  const linksNow = () => {
    try {
      const mtime = existsSync(manifestFile) ? statSync(manifestFile).mtimeMs : 0;
      if (read?.mtime !== mtime) read = { mtime, links: mtime ? preloadLinks(JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>) : [] };
      return read.links;
    } catch {
      // Mid-rebuild (the file half written or gone): the page works without hints.
      return [];
    }
  };
  return (path) => linksNow().find((l) => l.test.test(path))?.html ?? '';
}

function preloadLinks(manifest: Record<string, ManifestChunk>): { test: RegExp; html: string }[] {
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const key of keys) {
      if (seen.has(key) || !manifest[key]) continue;
      seen.add(key);
      closure(manifest[key].imports ?? [], seen);
    }
    return seen;
  };
  const entry = closure(Object.keys(manifest).filter((key) => manifest[key].isEntry));
  return ROUTE_CHUNKS.map(({ test, pages }) => {
    const chunks = [...closure(pages)].filter((key) => !entry.has(key)).map((key) => manifest[key]);
    const scripts = chunks.map((c) => `<link rel="modulepreload" crossorigin href="/${c.file}">`);
    // Fetched only: the app adds the stylesheets itself, in its own order, when it runs the chunks.
    const styles = chunks.flatMap((c) => c.css ?? []).map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`);
    return { test, html: [...scripts, ...styles].join('') };
  });
}

/**
 * The first calls of a tenant's customers page (`/t/:tenant` leads there too), started by the page itself while
 * its code downloads and compiles: the app's own requests (app/route-data.ts) then find the answers waiting.
 * Same URLs, `crossorigin` like the app's same-origin fetch (credentials sent), so the browser can reuse them.
 * Only the plain first page: with a search, a page or an order in the URL the app asks for itself.
 */
export function routeDataPreloads(path: string, query: string): string {
  const match = /^\/t\/([a-z0-9-]+)(\/customers)?\/?$/.exec(path);
  if (!match || (match[2] && query)) return '';
  const tenant = match[1];
  return [`/api/t/${tenant}/me`, `/api/t/${tenant}/customers?limit=${FIRST_CUSTOMERS_PAGE}`].map((href) => `<link rel="preload" as="fetch" crossorigin href="${href}">`).join('');
}

/** The customers page's page size (apps/web/src/features/customers/queries.ts PAGE_SIZE). */
const FIRST_CUSTOMERS_PAGE = 50;

/** The console's routes, or null when it has not been built (the API alone is served then). */
export function consoleRouter(webDir: string): Router | null {
  const root = resolve(webDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  const preloads = routePreloads(root);
  const router = express.Router();
  // Vite names every asset by its content hash: a changed file is a new URL, so an asset never goes stale.
  // Their brotli or gzip copies from the build when the browser takes them (with `Vary: Accept-Encoding`).
  router.use(
    '/assets',
    expressStaticGzip(join(root, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, immutable: true, maxAge: '365d', setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) },
    }),
  );
  // A missing asset is a 404, never index.html (a script answered with HTML fails in confusing ways).
  router.use('/assets', (_req: Request, res: Response) => void res.status(404).type('text').send('Not found'));
  // Unhashed files of public/ (the icon): revalidated, so a new release shows.
  router.use(express.static(root, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    // Pages are only read: anything else sent to a page address is answered like an unknown API route.
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...problemForStatus(404), requestId: req.id }));
    try {
      // Read per request (it is under a kilobyte): a rebuild is served without a restart.
      const html = await readFile(indexFile, 'utf8');
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const hints = routeDataPreloads(req.path, query) + preloads(req.path);
      res.status(200).setHeader('Cache-Control', 'no-store').type('html').send(hints ? html.replace('</head>', `${hints}</head>`) : html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
