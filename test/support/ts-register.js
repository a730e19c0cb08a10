// Lets a child process run the TypeScript sources directly (`node -r ./test/support/ts-register.js
// apps/worker/src/main.ts`), compiled on load with the same @swc/core and .swcrc jest uses, so
// tests can start, kill and restart a real worker process without a prior build.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const { registerPathAliases } = require('../../scripts/path-aliases');

const swcrc = JSON.parse(readFileSync(join(__dirname, '../../.swcrc'), 'utf8'));

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swcrc,
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

// `@aigov/domain/x` resolves to libs/domain/src/x, as in the compiler and jest.
registerPathAliases();
