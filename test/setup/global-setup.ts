// First: jest loads this file with Node's require(), which knows no path aliases of its own.
import './register-path-aliases';
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { startTemporalDevServer } from '@aigov/scripts/temporal-dev-server';
import { temporalBackendFromEnv } from '@aigov/scripts/temporal-backend';
import { resolveTemporalServer } from '@aigov/scripts/temporal-server-binaries';
import { aliasWorkflowImports } from '@aigov/temporal/workflow-path-aliases';
import { workflowInterceptorModules } from '@aigov/temporal/workflow-interceptor-modules';
import { startTestDatabase } from './database.setup';
import { startTestCluster, withDatabase } from '../support/test-cluster';
import { integrationRunPayloadKeys } from '../support/temporal-data-converter';

/**
 * The run's Temporal: the CLI's dev server, or with AIGOV_TEMPORAL=cluster Temporal's own
 * server on the test PostgreSQL server (`npm run test:cluster`).
 */
async function startTemporal(databaseUrl: string): Promise<{ address: string; describe: string; stop(): Promise<void> }> {
  if (temporalBackendFromEnv() === 'cluster') {
    // A fresh machine has no server binaries yet: build them with Go (several minutes, once).
    await resolveTemporalServer({ allowBuild: true });
    const cluster = await startTestCluster({ postgresUrl: withDatabase(databaseUrl, 'postgres') });
    return { address: cluster.address, describe: `cluster ${cluster.address}`, stop: cluster.destroy };
  }
  // A fresh machine has no CLI yet: build it with Go, or let @temporalio/testing download it.
  const cliPath = await resolveTemporalCli({ allowBuild: true, allowDownload: true });
  const server = await startTemporalDevServer({ cliPath });
  return { address: server.address, describe: `dev server ${server.address}`, stop: server.stop };
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const db = await startTestDatabase();
  process.env.TEST_DATABASE_URL = db.url;

  const temporal = await startTemporal(db.url);
  process.env.TEMPORAL_ADDRESS = temporal.address;
  // Every worker, API and client of the run encrypts its Temporal payloads with this key.
  const payloadKeys = integrationRunPayloadKeys();
  if (payloadKeys) process.env.TEMPORAL_PAYLOAD_KEYS = payloadKeys;

  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/src/index'),
    webpackConfigHook: aliasWorkflowImports,
    workflowInterceptorModules: workflowInterceptorModules(),
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
  console.log(`\nintegration servers ready in ${Date.now() - started} ms (temporal ${temporal.describe})`);
}
