import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ChildService {
  name: string;
  pid(): number;
  stop(): Promise<void>;
}

/**
 * Runs a compiled entry point (dist/apps/api/main.js, dist/apps/worker/main.js) as its own
 * process, as production does, with its output in a log file; resolves once `ready` matches.
 */
export async function startChildService(opts: {
  name: string;
  script: string;
  env: Record<string, string>;
  ready: RegExp;
  logFile: string;
  timeoutMs?: number;
}): Promise<ChildService> {
  const log: WriteStream = createWriteStream(opts.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [opts.script], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${opts.name} did not start within ${opts.timeoutMs ?? 60_000} ms; see ${opts.logFile}`)), opts.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-10_000);
      if (opts.ready.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name} exited with ${code} during start:\n${seen.slice(-3000)}`));
    });
  });
  return {
    name: opts.name,
    pid: () => child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      log.end();
    },
  };
}

/** Resident set size of a process in MiB, from /proc (Linux); null where /proc is not available. */
export async function residentMiB(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the RSS of some processes every `intervalMs` and keeps each one's peak. */
export class PeakMemory {
  private peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly processes: Array<{ name: string; pid: number }>, private readonly intervalMs = 250) {}

  start(): void {
    this.peaks.clear();
    const sample = async () => {
      for (const p of this.processes) {
        const mib = await residentMiB(p.pid);
        if (mib !== null) this.peaks.set(p.name, Math.max(this.peaks.get(p.name) ?? 0, mib));
      }
    };
    void sample();
    this.timer = setInterval(() => void sample(), this.intervalMs);
  }

  stop(): Record<string, number> {
    if (this.timer) clearInterval(this.timer);
    return Object.fromEntries([...this.peaks.entries()].map(([k, v]) => [k, Math.round(v)]));
  }
}
