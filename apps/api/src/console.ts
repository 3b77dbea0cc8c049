// Serves the built web console (apps/web) at `/`: hashed assets cached for good, index.html never cached, and
// every other GET outside /api answered with index.html, so the console's own addresses (/t/:tenant/login,
// /t/:tenant/invitation#token=…, bookmarks) load the app, which routes them.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
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

/** The console's routes, or null when it has not been built (the API alone is served then). */
export function consoleRouter(webDir: string): Router | null {
  const root = resolve(webDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  const router = express.Router();
  // Vite names every asset by its content hash: a changed file is a new URL, so an asset never goes stale.
  router.use('/assets', express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d', setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) }));
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
      const html = await readFile(indexFile);
      res.status(200).setHeader('Cache-Control', 'no-store').type('html').send(html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
