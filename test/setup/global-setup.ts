import { bundleWorkflowCode } from '@temporalio/worker';
import { Connection } from '@temporalio/client';
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDatabase } from './database.setup';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function temporalCli(): string {
  const candidates = [process.env.TEMPORAL_CLI_PATH, join(homedir(), '.cache/ai-governance-engine/bin/temporal'), join(homedir(), '.cache/aigov/bin/temporal')];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error('no temporal CLI found; set TEMPORAL_CLI_PATH');
  return found;
}

async function waitForTemporal(address: string, child: ChildProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`temporal dev server not ready after ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const db = await startTestDatabase();
  process.env.TEST_DATABASE_URL = db.url;

  const port = await freePort();
  const child = spawn(temporalCli(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'], {
    stdio: 'ignore',
  });
  const address = `127.0.0.1:${port}`;
  await waitForTemporal(address, child);
  process.env.TEMPORAL_ADDRESS = address;

  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows/src/index'), logger: undefined });
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'aigov-bundle-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;

  (globalThis as Record<string, unknown>).__AIGOV_TEARDOWN__ = async () => {
    child.kill('SIGTERM');
    await db.stop();
  };
  console.log(`\nintegration servers ready in ${Date.now() - started} ms (temporal ${address})`);
}
