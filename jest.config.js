// Two projects: `unit` is pure code (no servers, parallel); `integration` talks to a real
// Temporal dev server, PostgreSQL and an SMTP capture, one file at a time.
// Packages that ship ES modules only: Node loads them with require(), jest's module registry
// cannot, so swc turns them into CommonJS. content-disposition: @fastify/static (Swagger UI);
// openid-client, oauth4webapi, jose: single sign-on (apps/api/src/sso).
const ESM_ONLY = ['content-disposition', 'openid-client', 'oauth4webapi', 'jose'];
const transform = {
  '^.+\\.ts$': ['@swc/jest'],
  [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];
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
