import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface WorkerProcess {
  /** the running child's pid, or null while stopped */
  pid(): number | null;
  /** starts a worker process and resolves once it polls its task queue */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no in-flight activity finishes; resolves once it is gone */
  kill(): void;
  exited(): Promise<void>;
  /** SIGTERM and wait: a clean stop */
  stop(): Promise<void>;
  /** the last 200,000 characters the current (or last) child wrote to stdout and stderr */
  output(): string;
}

/**
 * The real worker (`apps/worker/src/main.ts`) in a child process, configured through the same
 * environment variables a deployment uses, so a test can kill it at any moment and start
 * another. Sources are compiled on load (test/support/ts-register.js), so no build is needed.
 */
export function workerProcess(env: Record<string, string>, readyTimeoutMs = 60_000): WorkerProcess {
  let child: ChildProcess | null = null;
  let exit: Promise<void> = Promise.resolve();
  let output = '';

  const start = () =>
    new Promise<void>((resolve, reject) => {
      output = '';
      const proc = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'apps/worker/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...env, NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      exit = new Promise((done) => proc.once('exit', () => done()));
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`worker did not start within ${readyTimeoutMs} ms:\n${output}`));
      }, readyTimeoutMs);
      const onOutput = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-200_000);
        if (/polling task queue/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onOutput);
      proc.stderr!.on('data', onOutput);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (child === proc) child = null;
        reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });

  return {
    pid: () => child?.pid ?? null,
    start,
    kill: () => {
      child?.kill('SIGKILL');
    },
    exited: () => exit,
    output: () => output,
    stop: async () => {
      child?.kill('SIGTERM');
      await exit;
    },
  };
}
