// Tests run with the project's own Node 24 and real PostgreSQL; see libs/testing for the harness.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.json');

// SWC rewrites the tsconfig path aliases at compile time, so globalSetup (which bypasses
// jest's resolver) and the tests resolve `@app/*` the same way as the build does.
const swc = ['@swc/jest', {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    baseUrl: path.resolve(__dirname),
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
}];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.ts$': swc },
  testRegex: '(libs|apps|test|migrations)/.*\\.(spec|e2e-spec)\\.ts$',
  // The web console's tests run under Vitest (unit) and Playwright (browser), never jest.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 30000,
  // One test file at a time (the files share one PostgreSQL), in a worker that is replaced once it holds more than
  // this after a file: each file loads the whole app afresh, and in one process for ~90 files the heap outgrew 4 GB.
  workerIdleMemoryLimit: '1536MB',
};
