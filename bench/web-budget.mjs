// The web console's budget (SPEC 7): the JavaScript a browser must fetch before the sign-in page works, gzipped,
// at most 200 KB. Reads the build's manifest (dist/web/.vite/manifest.json): the entry and everything it imports
// statically, plus the sign-in route's own chunk and its static imports. `npm run bench:web` builds first.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const webDir = resolve(import.meta.dirname, '../dist/web');
const manifest = JSON.parse(readFileSync(join(webDir, '.vite/manifest.json'), 'utf8'));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const page = Object.keys(manifest).find((key) => key.endsWith('features/auth/LoginPage.tsx'));
if (!entry || !page) throw new Error('The manifest has no entry or no sign-in page chunk: is this the console build?');

const chunks = [...closure([entry, page])].map((key) => {
  const bytes = readFileSync(join(webDir, manifest[key].file));
  return { file: manifest[key].file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const css = [...closure([entry, page])].flatMap((key) => manifest[key].css ?? []);
const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

console.log('Sign-in page (/t/:tenant/login), initial JavaScript:');
for (const c of chunks.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${c.file.padEnd(48)} ${kb(c.raw).padStart(10)} raw ${kb(c.gzip).padStart(10)} gzip`);
console.log(`  total ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)}), ${chunks.length} files; CSS files: ${css.length}`);
if (total > BUDGET_BYTES) {
  console.log('OVER BUDGET');
  process.exit(1);
}
console.log('within budget');
