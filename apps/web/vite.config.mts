// The console's build: Vite 8 transforms TSX itself (oxc), so no React plugin is needed for a production build.
// Output goes to dist/web, which the Nest app serves at `/`. Vitest's settings live here too.
import { fileURLToPath } from 'node:url';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  // Brotli and gzip copies of the scripts and styles, made once at build time; the server sends the one the
  // browser accepts (apps/api/src/console.ts). The entry is ~600 KB as written and ~180 KB compressed.
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|svg|json)$/, exclude: /\.vite[\\/]/, threshold: 1024 })],
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
