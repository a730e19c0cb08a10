import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMailCapture, MailCapture } from '@aigov/notifications/mail-capture.server';
import { freePort, portIsFree } from '@aigov/scripts/free-port';

const root = path.resolve(__dirname, '../../..');
const startJs = path.join(root, 'dist/scripts/start.js');
const builtFiles = [startJs, 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/workflow-bundle.js'].map((f) =>
  path.resolve(root, f),
);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** The runner is compiled code; build when dist/ is missing or older than the sources. */
function ensureBuilt(): void {
  const missing = builtFiles.some((file) => !existsSync(file));
  const sources = Math.max(...['apps', 'libs', 'workflows', 'scripts'].map((dir) => newestSource(path.join(root, dir))));
  if (!missing && statSync(startJs).mtimeMs >= sources) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (build.status !== 0) throw new Error(`npm run build failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
}

interface Runner {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runStart(env: NodeJS.ProcessEnv): Runner {
  const child = spawn(process.execPath, [startJs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exit };
}

async function waitForOutput(runner: Runner, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void runner.exit.then(() => (exited = true));
  while (!pattern.test(runner.output())) {
    if (exited) throw new Error(`start.js exited before printing ${pattern}:\n${runner.output()}`);
    if (Date.now() > deadline) throw new Error(`start.js did not print ${pattern} within ${timeoutMs} ms:\n${runner.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start runner (dist/scripts/start.js)', () => {
  let mail: MailCapture;
  let dataDir: string;
  const adminToken = randomBytes(24).toString('base64url');
  const actionLinkSecret = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    ensureBuilt();
    mail = await startMailCapture();
    dataDir = await mkdtemp(path.join(tmpdir(), 'aigov-start-runner-'));
  }, 330_000);

  afterAll(async () => {
    await mail?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** The shared test servers, a private task queue (so this worker takes no other test's tasks). */
  function runnerEnv(port: number): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: `start-runner-${randomBytes(4).toString('hex')}`,
      SMTP_URL: mail.smtpUrl,
      ADMIN_TOKEN: adminToken,
      ACTION_LINK_SECRET: actionLinkSecret,
      DATA_DIR: dataDir,
      // any free port for the worker's health and metrics server: its default may be taken by another run on this machine
      WORKER_HTTP_PORT: '0',
    };
    // The runner's own default (dist/workflow-bundle.js) is part of what is tested.
    delete env.WORKFLOW_BUNDLE_PATH;
    delete env.PUBLIC_BASE_URL;
    return env;
  }

  it('starts the worker and the API on the given servers, reports where they are, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const runner = runStart(runnerEnv(port));
    try {
      await waitForOutput(runner, /AI Governance Engine is running/, 120_000);

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
      expect(docs.status).toBe(200);

      const output = runner.output();
      // The application's address comes first in the summary (dist/web exists after `npm run build`).
      const summary = output.slice(output.indexOf('AI Governance Engine is running'));
      expect(summary.split('\n')[1]).toMatch(/^ {2}Application +(http:\/\/127\.0\.0\.1:\d+\/|not built \(run `npm run build`\))$/);
      expect(output).toContain(`http://127.0.0.1:${port}/api/v1`);
      expect(output).toContain(`http://127.0.0.1:${port}/api/docs`);
      expect(output).toContain('the ADMIN_TOKEN you set');
      expect(output).toMatch(/^\[api\] /m);
      expect(output).toMatch(/^\[worker\] /m);
      // Secrets never reach the output, and with both given in the environment no file is made.
      expect(output).not.toContain(adminToken);
      expect(output).not.toContain(actionLinkSecret);
      expect(existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
    } finally {
      if (runner.child.exitCode === null) runner.child.kill('SIGTERM');
    }

    const exit = await runner.exit;
    expect({ exit, output: exit.code === 0 ? '' : runner.output() }).toEqual({ exit: { code: 0, signal: null }, output: '' });
    expect(runner.output()).toMatch(/\[start\] stopped/);
    expect(await portIsFree(port)).toBe(true);
  });

  it('refuses to start, naming the port, when the API port is taken', async () => {
    const port = await freePort();
    const holder: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const runner = runStart(runnerEnv(port));
      const exit = await runner.exit;
      expect(exit.code).toBe(1);
      expect(runner.output()).toContain(`port ${port} on 127.0.0.1 (the API) is already in use`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
