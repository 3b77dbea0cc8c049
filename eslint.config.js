// ESLint flat config (CommonJS: package.json has no "type": "module").
// typescript-eslint "recommended" without type information, so `npm run lint` stays fast.
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');

// Module boundaries. A "module" is one directory: apps/<app>, libs/<lib>, migrations/<set>, test.
// Other modules are reached only through their public entry (@app/<lib>, @migrations/<set>), which
// index.ts defines; anything deeper is private and may change under you.
const entryOnly = [
  { regex: '^@app/[^/]+/', message: 'Import another lib only through its public entry `@app/<lib>`, not a deep path.' },
  { regex: '^@migrations/[^/]+/', message: 'Import migrations only through `@migrations/<set>`, not a deep path.' },
  // tsconfig baseUrl "./" also makes `libs/x/src/...` resolvable: the same reach-in under another name.
  { regex: '^(apps|libs|migrations|test)(/|$)', message: 'No repo-root paths; use `@app/<lib>` (or a relative path within your own module).' },
];

// A relative import leaves its module when it has more leading `..` than the file is deep inside the
// module (libs/a/src/x.ts: `../..` already lands in libs/). Globs cannot count, so emit one block per depth.
// The test harness (libs/testing, test/) may climb to apps/api/src/app and apps/cli/src/cli.module to build the
// real app or CLI; nothing else.
const HARNESS_APP = '(?!(\\.\\./)+apps/(api/src/app|cli/src/cli\\.module)(\\.js)?$)';
const moduleRoots = ['apps/*', 'libs/*', 'migrations/*', 'test'];
const boundaryBlocks = [];
for (const harness of [false, true]) {
  for (let depth = 0; depth < 8; depth++) {
    const sub = '*/'.repeat(depth);
    const files = harness
      ? [`libs/testing/${sub}*.ts`, `test/${sub}*.ts`]
      : moduleRoots.map((root) => `${root}/${sub}*.ts`);
    boundaryBlocks.push({
      name: `boundaries/${harness ? 'harness' : 'modules'}/depth-${depth}`,
      files,
      rules: {
        // core rule: the @typescript-eslint twin is deprecated since 8.64 (core now understands TS imports)
        'no-restricted-imports': ['error', {
          patterns: [...entryOnly, {
            regex: `^${harness ? HARNESS_APP : ''}(\\.\\.(/|$)){${depth + 1}}`,
            message: 'This relative path leaves its module; import the other lib through `@app/<lib>`.',
          }],
        }],
      },
    });
  }
}


// Issue 13: a lib reaches PostgreSQL only from its repository files (`*.repository.ts`), which own its tables.
// Services open a transaction with `TenantContext.transaction()` and call repositories; no EntityManager, pool or
// SQL travels outside them. The plumbing itself (libs/database, the tenant context, the test harness), entity
// definitions and migrations are exempt; nothing else is.
const SQL_TEXT = String.raw`/^\s*(select\s+$|select\s[\s\S]*\bfrom\b|insert\s+into\s|delete\s+from\s|update\s+(\S+\s+set\s|$)|with\s+\w+\s+as\s*\()|\b(insert\s+into|delete\s+from)\s+("|$|\w+\.)/`;
const DATABASE_ACCESS = [
  { selector: "ImportDeclaration[source.value=/^(pg|pg-.*|@mikro-orm\\u002F.*)$/]", message: 'Database access belongs in a `*.repository.ts` file of the lib that owns the table.' },
  { selector: 'ImportSpecifier[imported.name=/^(boundSql|BoundSql|PG_POOL|DATABASE_URL|quoteIdent)$/]', message: 'SQL belongs in a `*.repository.ts` file of the lib that owns the table.' },
  { selector: 'CallExpression[callee.property.name=/^(em|execute|transactional|getConnection|getTransactionContext|nativeUpdate|nativeDelete|persistAndFlush)$/]', message: 'Reach the database through a repository; open a transaction with `TenantContext.transaction()`.' },
  // SQL text itself, in a string or a template. The house writes SQL in lower case, so the test is case-sensitive and
  // shaped like statements (`select ... from`, `update <table> set`, `insert into`, `delete from`, `with x as (`):
  // an English sentence ("Select a customer from the list", "Update your details") does not match.
  { selector: `Literal[value=${SQL_TEXT}]`, message: 'SQL belongs in a `*.repository.ts` file of the lib that owns the table.' },
  { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: 'SQL belongs in a `*.repository.ts` file of the lib that owns the table.' },
];
const databaseAccessBlock = {
  name: 'data-layer/repositories-only',
  files: ['apps/api/**/*.ts', 'apps/cli/**/*.ts', 'libs/**/*.ts'],
  ignores: [
    '**/*.repository.ts', '**/*.spec.ts', '**/*.entity.ts',
    'libs/database/**', 'libs/testing/**', 'libs/entities/**', 'libs/tenancy/src/tenant-context.ts',
  ],
  rules: { 'no-restricted-syntax': ['error', ...DATABASE_ACCESS] },
};

module.exports = defineConfig([
  globalIgnores(['dist/', 'node_modules/', '.data/', 'coverage/']),
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names are deliberately unused (interface-mandated params, skipped tuple slots).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
      }],
    },
  },
  // Later blocks win, so the harness blocks (emitted last) replace the generic rule for libs/testing and test/.
  ...boundaryBlocks,
  // Server code logs through the pino logger (structured, request-scoped); main.ts uses process.stdout directly.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['apps/cli/**'], // a CLI prints: that is its job
    rules: { 'no-console': 'error' },
  },
  databaseAccessBlock,
]);
