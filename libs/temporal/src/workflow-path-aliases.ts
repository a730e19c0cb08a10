import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * The workflow bundler (webpack) ignores tsconfig `paths`: bundled from source (tests, the
 * worker's development fallback), `@aigov/domain/...` needs webpack aliases from the same
 * table. Compiled code in dist/ needs none (tsc-alias made its imports relative), and there
 * scripts/path-aliases.js is not shipped, so the hook then changes nothing.
 */
export function aliasWorkflowImports(config: WebpackConfig): WebpackConfig {
  const table = join(__dirname, '..', '..', '..', 'scripts', 'path-aliases.js');
  if (!existsSync(table)) return config;
  const { pathAliases } = require(table) as { pathAliases: () => Array<[string, string]> };
  const resolve = config.resolve ?? {};
  const existing = resolve.alias && !Array.isArray(resolve.alias) ? resolve.alias : {};
  return { ...config, resolve: { ...resolve, alias: { ...existing, ...Object.fromEntries(pathAliases()) } } };
}
