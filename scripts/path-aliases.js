// The path aliases (`@aigov/domain/...`) are defined once, in tsconfig.json's `paths`. The
// TypeScript compiler reads them there and tsc-alias rewrites them in dist/; jest, the
// TypeScript loader for child processes, jest's global setup and the workflow bundler read them
// through this file.
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

/**
 * Makes Node's own require() resolve the aliases: for code that neither jest's module registry
 * nor tsc-alias handles (jest's globalSetup, worker processes run from source in tests).
 */
function registerPathAliases() {
  const Module = require('node:module');
  if (Module._resolveFilename.aigovAliases) return;
  const aliases = pathAliases();
  const resolveFilename = Module._resolveFilename;
  const resolveAliased = function (request, ...rest) {
    const hit = aliases.find(([alias]) => request.startsWith(`${alias}/`));
    return resolveFilename.call(this, hit ? hit[1] + request.slice(hit[0].length) : request, ...rest);
  };
  resolveAliased.aigovAliases = true;
  Module._resolveFilename = resolveAliased;
}

module.exports = { pathAliases, registerPathAliases };
