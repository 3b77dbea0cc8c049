// The Nest app serves the web console at `/`: its pages get the strict CSP of SPEC 9 and are never cached,
// hashed assets are cached for good, the console's addresses fall back to index.html, and /api is untouched.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { problemOf, TestContext } from '@app/testing';

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const INDEX = '<!doctype html><html lang="fi"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

const APP_JS = 'console.log("app");'.repeat(100);

/** A stand-in for `npm run build`'s dist/web: the rules under test do not depend on what the app contains. */
function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rekisteri-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), APP_JS);
  // What the build's compression plugin writes beside each script.
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(APP_JS));
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(APP_JS));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the web console, served by the API', () => {
  let ctx: TestContext;
  beforeAll(async () => (ctx = await TestContext.create({ webDir: builtConsole() })));
  afterAll(() => ctx.close());

  it.each(['/', '/t/salon/login', '/t/salon/invitation', '/t/salon/customers?q=virtanen', '/t/salon/customers/4a3b0c1e-0000-4000-8000-000000000000', '/platform/login', '/no/such/page'])(
    'answers %s with index.html, the strict CSP and no caching',
    async (path) => {
      const res = await ctx.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('serves hashed assets as immutable for a year', async () => {
    const res = await ctx.http().get('/assets/index-Ab12Cd34.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ])('sends the build\'s compressed copy to a browser that accepts %s', async (accept, encoding) => {
    const res = await ctx.http().get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', accept).expect(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(APP_JS); // supertest decodes both
  });

  it('sends the script as written to a client that accepts no compression', async () => {
    const res = await ctx.http().get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(APP_JS);
  });

  it.each(['/t/salon', '/t/salon/customers', '/t/salon/customers/'])('%s: the page starts its first two API calls itself, as the app will make them', async (path) => {
    const res = await ctx.http().get(path).expect(200);
    expect([...res.text.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map((m) => m[1])).toEqual(['/api/t/salon/me', '/api/t/salon/customers?limit=50']);
  });

  it('answers a missing asset 404, not with index.html', async () => {
    const res = await ctx.http().get('/assets/index-gone.js').expect(404);
    expect(res.text).not.toContain('<html');
  });

  it('revalidates unhashed files such as the icon', async () => {
    const res = await ctx.http().get('/favicon.svg').expect(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('leaves /api alone: an unknown API route is still a problem+json 404 under the API policy', async () => {
    const res = await ctx.http().get('/api/no-such-route').expect(404);
    expect(problemOf(res).status).toBe(404);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.headers['cache-control']).toBe('no-store');
    await ctx.http().get('/api').expect(404);
  });

  it('falls back to index.html only for GET: other methods on console addresses are 404', async () => {
    const res = await ctx.http().post('/t/salon/customers').set('Content-Type', 'application/json').send({}).expect(404);
    expect(problemOf(res).status).toBe(404);
  });

  it('keeps the API answering under its own headers', async () => {
    const res = await ctx.http().get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).not.toBe(PAGE_CSP);
  });
});

describe("the console's pages name the route's chunks (from the build's manifest)", () => {
  const manifest = {
    'index.html': { file: 'assets/index-Ab12Cd34.js', isEntry: true, imports: ['_react-X1.js'] },
    '_react-X1.js': { file: 'assets/react-X1.js' },
    'src/app/shell/TenantShell.tsx': { file: 'assets/TenantShell-S1.js', imports: ['index.html', '_react-X1.js', '_Modal-M1.js'], css: ['assets/TenantShell-S1.css'] },
    '_Modal-M1.js': { file: 'assets/Modal-M1.js' },
    'src/features/customers/CustomersPage.tsx': { file: 'assets/CustomersPage-C1.js', imports: ['index.html', '_Modal-M1.js'] },
  };
  let ctx: TestContext;
  beforeAll(async () => {
    const dir = builtConsole();
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
    ctx = await TestContext.create({ webDir: dir });
  });
  afterAll(() => ctx.close());

  // The chunks only (the first API calls have their own test above).
  const hints = (html: string) => [...html.matchAll(/<link rel="(modulepreload|preload)"(?! as="fetch")[^>]* href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`);

  it.each(['/t/salon', '/t/salon/customers'])('%s: the shell and the customers page, not what the entry already loads', async (path) => {
    const res = await ctx.http().get(path).expect(200);
    expect(hints(res.text)).toEqual(['modulepreload /assets/TenantShell-S1.js', 'modulepreload /assets/Modal-M1.js', 'modulepreload /assets/CustomersPage-C1.js', 'preload /assets/TenantShell-S1.css']);
    expect(res.text).toMatch(/<\/script><link rel="preload" as="fetch"[^>]*><link rel="preload" as="fetch"[^>]*><link rel="modulepreload".*<\/head><body>/s);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  });

  it('another page in the shell: the shell only', async () => {
    const res = await ctx.http().get('/t/salon/requests').expect(200);
    expect(hints(res.text)).toEqual(['modulepreload /assets/TenantShell-S1.js', 'modulepreload /assets/Modal-M1.js', 'preload /assets/TenantShell-S1.css']);
  });

  it.each(['/t/salon/login', '/t/salon/invitation', '/t/salon/portal', '/t/salon/portal/login', '/t/salon/privacy', '/platform/tenants', '/'])('%s: nothing more than the entry', async (path) => {
    const res = await ctx.http().get(path).expect(200);
    expect(res.text).toBe(INDEX);
  });
});

describe('the API without a built console', () => {
  let ctx: TestContext;
  beforeAll(async () => (ctx = await TestContext.create({ webDir: mkdtempSync(join(tmpdir(), 'rekisteri-no-web-')) })));
  afterAll(() => ctx.close());

  it('answers pages 404 instead of failing', async () => {
    await ctx.http().get('/t/salon/login').expect(404);
    await ctx.http().get('/api/health').expect(200);
  });
});
