import type { ChildProcess } from 'node:child_process';

/** How a started server process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WatchedServerProcess {
  /** the last lines it wrote (stdout and stderr), for error messages */
  tail: string[];
  /** resolves once it has exited (or failed to start) */
  exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** `send('SIGTERM')`, then `send('SIGKILL')` if it is still running after `graceMs`; resolves once it exited */
  stop(send: (signal: NodeJS.Signals) => void, graceMs: number): Promise<void>;
}

/**
 * What both Temporal launchers keep of a server they spawned with piped output: its last
 * `tailLines` lines (and each chunk to `onOutput`, e.g. a log file), when it exits, and a
 * graceful stop. Both pipes are drained for the process's whole life, or it would block once a
 * pipe buffer fills.
 */
export function watchServerProcess(child: ChildProcess, opts: { tailLines: number; onOutput?: (chunk: Buffer) => void }): WatchedServerProcess {
  const tail: string[] = [];
  const remember = (chunk: Buffer) => {
    opts.onOutput?.(chunk);
    tail.push(...chunk.toString().split('\n').filter((line) => line.trim()));
    tail.splice(0, Math.max(tail.length - opts.tailLines, 0));
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  let hasExited = false;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      remember(Buffer.from(error.message));
      resolve({ code: null, signal: null });
    });
  }).then((exit) => {
    hasExited = true;
    return exit;
  });

  return {
    tail,
    exited,
    hasExited: () => hasExited,
    stop: async (send, graceMs) => {
      if (hasExited || child.pid === undefined) return;
      send('SIGTERM');
      const timer = setTimeout(() => send('SIGKILL'), graceMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
