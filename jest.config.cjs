// Jest for the server: unit tests beside the code, e2e/fault/browser tests in test/. Nest 12 packages
// are ES modules; our code is CommonJS and loads them through Node 24's require(esm), which Jest supports
// only with --experimental-vm-modules (set by `npm test`).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2024',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@piazza/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  rootDir: __dirname,
};

module.exports = {
  // A global option in Jest 30 (not per project): e2e, fault and browser tests start real services.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
