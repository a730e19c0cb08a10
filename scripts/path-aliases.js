// The path aliases (`@aigov/domain/...`) are defined once, in tsconfig.json's `paths`. The
// TypeScript compiler reads them there and tsc-alias rewrites them in dist/; jest, the
// TypeScript loader for child processes and the workflow bundler read them through this file.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** [['@aigov/domain', '/abs/libs/domain/src'], ...] from `"@aigov/domain/*": ["./libs/domain/src/*"]`. */
function pathAliases() {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  return Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    alias.replace(/\/\*$/, ''),
    join(ROOT, target.replace(/\/\*$/, '')),
  ]);
}

module.exports = { pathAliases };
