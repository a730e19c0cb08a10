// Two projects: `unit` is pure code (no servers, parallel); `integration` talks to a real
// Temporal dev server, PostgreSQL and an SMTP capture, one file at a time.
const transform = { '^.+\\.ts$': ['@swc/jest'] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/', '/.data/'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 180000,
    },
  ],
};
