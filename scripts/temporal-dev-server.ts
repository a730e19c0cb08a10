import { spawn } from 'node:child_process';
import { freePort } from './free-port';
import { watchServerProcess } from './server-process';
import { awaitTemporalReady } from './temporal-readiness';

export interface TemporalDevServerOptions {
  /** the `temporal` binary, from resolveTemporalCli() */
  cliPath: string;
  /** frontend (gRPC) port; a free one when omitted */
  port?: number;
  /** Web UI port; omitted or false runs the server headless, 0 picks a free port */
  uiPort?: number | false;
  /** the remote codec endpoint the Web UI decodes encrypted payloads with (the API's /api/v1/temporal-codec) */
  uiCodecEndpoint?: string;
  /** SQLite file that keeps the server's state across restarts; in memory when omitted */
  dbFile?: string;
  host?: string;
  /** created at start ('default' always exists) */
  namespace?: string;
  /** custom search attributes registered at start, e.g. { LifecycleStage: 'Keyword' } */
  searchAttributes?: Record<string, 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList'>;
  /** how long to wait for the frontend to answer; 60 s by default */
  readyTimeoutMs?: number;
  /** aborting while the server starts stops it and rejects */
  signal?: AbortSignal;
}

export interface TemporalDevServer {
  /** host:port for Connection.connect / NativeConnection.connect */
  address: string;
  uiUrl?: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
/**
 * Measured with the benchmark's bare baseline (an Update running one no-op activity): ~100 ms
 * per activity with the defaults, ~20 ms with eager activity execution, which hands the
 * activity to the worker that scheduled it in the same round trip. One partition per task
 * queue, because a single machine has nothing to spread load over.
 */
const SINGLE_MACHINE_TUNING = [
  'system.enableActivityEagerExecution=true',
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
];
const OUTPUT_TAIL_LINES = 40;

/** A wildcard bind address is not something a client can dial. */
function dialHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Runs `temporal server start-dev` as a child process and resolves once its frontend answers
 * GetSystemInfo (and DescribeNamespace for the namespace asked for). The SDK's own start gives
 * the server about 5 s, which a busy machine can miss; this waits up to a minute, and fails at
 * once, with the server's last output, if the process exits first.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const host = options.host ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const port = options.port ?? (await freePort(host === '0.0.0.0' ? '127.0.0.1' : host));
  const uiPort = options.uiPort === undefined || options.uiPort === false ? undefined : options.uiPort || (await freePort(host));

  const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--log-level', 'error'];
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (uiPort !== undefined && options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) args.push('--search-attribute', `${name}=${type}`);
  for (const setting of SINGLE_MACHINE_TUNING) args.push('--dynamic-config-value', setting);

  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = watchServerProcess(child, { tailLines: OUTPUT_TAIL_LINES });
  const { tail: output, exited } = server;
  const stop = () => server.stop((signal) => child.kill(signal), STOP_GRACE_MS);

  const address = `${dialHost(host)}:${port}`;
  const describe = (what: string) =>
    `temporal dev server (${options.cliPath} ${args.join(' ')}) ${what}` + (output.length ? `\n${output.join('\n')}` : '');
  await awaitTemporalReady({
    address,
    probe: async (connection) => {
      await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace });
    },
    probeTimeoutMs: 2_000,
    retryMs: 250,
    timeoutMs: options.readyTimeoutMs ?? 60_000,
    signal: options.signal,
    exited,
    hasExited: server.hasExited,
    stop,
    describe,
  });

  return {
    address,
    uiUrl: uiPort === undefined ? undefined : `http://${dialHost(host)}:${uiPort}`,
    pid: child.pid!,
    stop,
  };
}
