// First: jest loads this file with Node's require(), which knows no path aliases of its own.
import './register-path-aliases';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { startTemporalDevServer } from '@aigov/scripts/temporal-dev-server';
import { aliasWorkflowImports } from '@aigov/temporal/workflow-path-aliases';
import { startTestDatabase } from './database.setup';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const db = await startTestDatabase();
  process.env.TEST_DATABASE_URL = db.url;

  // A fresh machine has no CLI yet: build it with Go, or let @temporalio/testing download it.
  const cliPath = await resolveTemporalCli({ allowBuild: true, allowDownload: true });
  const temporal = await startTemporalDevServer({ cliPath });
  process.env.TEMPORAL_ADDRESS = temporal.address;

  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/src/index'),
    webpackConfigHook: aliasWorkflowImports,
    logger: undefined,
  });
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'aigov-bundle-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;

  (globalThis as Record<string, unknown>).__AIGOV_TEARDOWN__ = async () => {
    await temporal.stop();
    await db.stop();
  };
  console.log(`\nintegration servers ready in ${Date.now() - started} ms (temporal ${temporal.address})`);
}
