// Two projects: `unit` is pure code (no servers, parallel); `integration` talks to a real
// Temporal dev server, PostgreSQL and an SMTP capture, one file at a time.
const transform = {
  '^.+\\.ts$': ['@swc/jest'],
  // content-disposition (used by @fastify/static for the Swagger UI) ships ES modules only;
  // Node loads them with require(), jest's module registry cannot.
  '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];
// `@aigov/domain/x` -> libs/domain/src/x, from tsconfig.json's paths.
const moduleNameMapper = Object.fromEntries(
  require('./scripts/path-aliases').pathAliases().map(([alias, dir]) => [`^${alias}/(.*)$`, `${dir}/$1`]),
);

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      roots: ['<rootDir>'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/', '/.data/'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-env.ts'],
    },
  ],
};
