import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '@aigov/scripts/project-root';
import { findGo, isExecutableFile, temporalCliCacheDir } from '@aigov/scripts/temporal-cli';

/** One open-loop phase as the Go generator saw it (bench/load-generator/main.go's phaseReport). */
export interface GeneratedPhase {
  /** ms from each request's due time to its whole answer read */
  latenciesMs: number[];
  /** ms each request was sent late */
  lagsMs: number[];
  /** answers other than 200, and requests whose connection failed */
  errors: number;
  /** the generator process's CPU time over the phase, every thread */
  cpuMs: number;
  startedAtUnixMs: number;
  durationS: number;
  connections: number;
}

/** The generator's sources, from the project root. */
const SOURCE_DIR = path.join('bench', 'load-generator');
/** A phase's first request is due this long after the generator reads its order. */
const START_IN_MS = 20;

/**
 * The Go load generator, built once per version of its sources into the project's cache
 * (~/.cache/ai-governance-engine/bench-load-generator/<hash of the sources>/), with the local Go
 * toolchain only (its sources use the standard library, so the build needs no network).
 */
export async function buildGoLoadGenerator(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const sources = path.join(projectRoot(), SOURCE_DIR);
  const files = (await readdir(sources)).filter((f) => f.endsWith('.go') || f === 'go.mod').sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(await readFile(path.join(sources, f))).update('\0');
  const dir = path.join(temporalCliCacheDir(), 'bench-load-generator', hash.digest('hex').slice(0, 16));
  const binary = path.join(dir, 'load-generator');
  if (await isExecutableFile(binary)) return binary;
  const go = await findGo(env);
  if (!go) throw new Error('the Go load generator needs a Go toolchain (go on PATH or /usr/local/go); or pass --authorize-client lean');
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(path.join(dir, 'build-'));
  log(`building the Go load generator with ${go} into ${dir}`);
  try {
    await new Promise<void>((resolve, reject) => {
      // GOTOOLCHAIN=local: the standard library of whatever Go is here is enough, nothing is fetched.
      const child = spawn(go, ['build', '-o', path.join(staging, 'load-generator'), '.'], { cwd: sources, env: { ...env, GOTOOLCHAIN: 'local' } });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`go build of the load generator exited with ${code}\n${output.slice(-4000)}`))));
    });
    await rename(path.join(staging, 'load-generator'), binary);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}

/**
 * The running generator: started once for a scenario with every distinct request's bytes (its
 * connections stay open from one phase to the next, as the Node client's do), then given one
 * phase after another. It answers each with every request's latency and lag.
 */
export class GoLoadGenerator {
  private readonly lines: AsyncIterator<string>;
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4000)));
    // Writing to a generator that has exited fails with EPIPE; its exit and stderr say why, below.
    child.stdin.on('error', () => undefined);
    // 'close', not 'exit': by then its stderr has been read to the end
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(binary: string, target: { host: string; port: number }, requests: Buffer[], maxConnections = 256): Promise<GoLoadGenerator> {
    const generator = new GoLoadGenerator(spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const ready = await generator.exchange({ host: target.host, port: target.port, maxConnections, requests: requests.map((r) => r.toString('base64')) });
    if ((ready as { ready?: boolean }).ready !== true) throw new Error(`the load generator answered ${JSON.stringify(ready)}`);
    return generator;
  }

  /** `rate` requests a second for `seconds`; `requestOf(n)` is the index (into the start's requests) of send n. */
  phase(rate: number, seconds: number, requestOf: (n: number) => number): Promise<GeneratedPhase> {
    const total = Math.round(rate * seconds);
    const sequence = Array.from({ length: total }, (_, n) => requestOf(n));
    return this.exchange({ startInMs: START_IN_MS, intervalMs: 1000 / rate, sequence }) as Promise<GeneratedPhase>;
  }

  /** Closing its stdin ends it; it closes its connections on the way out. */
  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  private async exchange(message: object): Promise<unknown> {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const next = await Promise.race([this.lines.next(), this.exited.then((code) => ({ exitCode: code }))]);
    if ('exitCode' in next) throw new Error(`the load generator exited with ${next.exitCode}: ${this.stderr.trim()}`);
    if (next.done) throw new Error(`the load generator exited with ${await this.exited}: ${this.stderr.trim()}`);
    return JSON.parse(next.value);
  }
}
