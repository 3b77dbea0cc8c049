// Tests run with the project's own Node 24 and real PostgreSQL; see libs/testing for the harness.
const swc = ['@swc/jest', {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'commonjs' },
}];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.ts$': swc },
  testRegex: '(libs|apps|test|migrations)/.*\\.(spec|e2e-spec)\\.ts$',
  moduleNameMapper: {
    '^@app/(core|database|tenancy|auth|mail|testing)$': '<rootDir>/libs/$1/src',
    '^@app/(core|database|tenancy|auth|mail|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@migrations/(.*)$': '<rootDir>/migrations/$1',
  },
};
