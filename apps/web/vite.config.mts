// The console's build: Vite 8 transforms TSX itself (oxc), so no React plugin is needed for a production build.
// Output goes to dist/web, which the Nest app serves at `/`. Vitest's settings live here too.
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The catalogs go into the build as react-intl's message ASTs (what `formatjs compile --ast` writes), so the
 * browser formats without parsing ICU syntax first: parsing was a tenth of a cold page's script time. Tests and
 * the dev server keep the plain strings.
 */
function precompiledCatalogs(): Plugin {
  return {
    name: 'rekisteri:precompiled-catalogs',
    apply: 'build',
    // Before Vite's own JSON plugin: the catalog leaves this plugin as a JavaScript module.
    enforce: 'pre',
    // With every message compiled, the browser needs no ICU parser: formatjs's documented no-parser build.
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    transform(code, id) {
      if (!/[\\/]i18n[\\/](fi|en)\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = JSON.stringify(Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, parse(message)])));
      // As `JSON.parse('…')`, not an object literal: V8 parses a JSON string several times faster, and the Finnish
      // catalog (~190 KB of message ASTs) is on every cold page.
      return { code: `export default JSON.parse(${JSON.stringify(compiled)});`, map: null, moduleType: 'js' };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  // Brotli and gzip copies of the scripts and styles, made once at build time; the server sends the one the
  // browser accepts (apps/api/src/console.ts). The entry is ~600 KB as written and ~180 KB compressed.
  plugins: [precompiledCatalogs(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|svg|json)$/, exclude: /\.vite[\\/]/, threshold: 1024 })],
  css: { modules: { localsConvention: 'camelCaseOnly' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Every browser we support has modulepreload; the polyfill would be one more script for nothing.
    modulePreload: { polyfill: false },
    // .vite/manifest.json: which chunks each page needs (bench/web-budget.mjs reads it; never served: a dotfile).
    manifest: true,
    sourcemap: false,
    rolldownOptions: {
      // TanStack Query marks modules "use client" for React Server Components; a client-only bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root,
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
