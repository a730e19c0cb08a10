import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadAppConfig } from '@aigov/config/app-config';
import { startMailCapture } from '@aigov/notifications/mail-capture.server';
import { runMigrations } from '@aigov/persistence/data-source.factory';
import { resolveDatabaseUrl } from '@aigov/persistence/embedded-postgres';
import { portIsFree } from './free-port';
import { loadOrCreateSecrets } from './local-secrets';
import { loadOrCreatePayloadKeys } from './local-payload-keys';
import { dataDir as resolveDataDir, projectRoot } from './project-root';
import { resolveTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';
import { temporalBackendFromEnv } from './temporal-backend';
import { withDatabase } from './scratch-temporal-cluster';
import { startTemporalCluster } from './temporal-cluster';
import { resolveTemporalServer } from './temporal-server-binaries';

/**
 * `npm start`: the whole system on one machine with nothing installed but Node. PostgreSQL
 * (DATABASE_URL, else embedded under DATA_DIR), migrations, Temporal (TEMPORAL_ADDRESS, else a
 * dev server with its UI, or with AIGOV_TEMPORAL=cluster Temporal's own server on that
 * PostgreSQL), mail (SMTP_URL, else a local capture with a web inbox), then the worker and the
 * API as child processes. Ctrl-C (or SIGTERM) stops them in reverse order.
 */

const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;
const SMTP_PORT = 1025;
const INBOX_PORT = 8025;
const HEALTH_TIMEOUT_MS = 120_000;
const CHILD_STOP_GRACE_MS = 15_000;

interface Resource {
  name: string;
  stop(): Promise<void>;
}

class Aborted extends Error {}

const resources: Resource[] = [];
const abort = new AbortController();
const children = new Set<ChildProcess>();
let startup: Promise<void> = Promise.resolve();
let stopping = false;

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const warn = (line: string) => process.stderr.write(`[start] ${line}\n`);

/** A path as the user would type it: relative when under the current directory. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function checkAborted(): void {
  if (abort.signal.aborted) throw new Aborted();
}

/** Stops everything started so far, newest first, then exits. A second signal kills at once. */
function requestStop(code: number, reason: string): void {
  if (stopping) {
    warn('second stop request: killing the child processes');
    for (const child of children) child.kill('SIGKILL');
    process.exit(code || 1);
  }
  stopping = true;
  (code === 0 ? say : warn)(reason);
  abort.abort(new Aborted('stopping'));
  void (async () => {
    // Let the step in flight finish, so whatever it started is on the list and gets stopped.
    await startup.catch(() => undefined);
    for (const resource of [...resources].reverse()) {
      try {
        await resource.stop();
      } catch (error) {
        warn(`stopping ${resource.name} failed: ${(error as Error).message}`);
      }
    }
    say('stopped');
    process.exit(code);
  })();
}

async function assertPortFree(port: number, host: string, what: string, hint: string): Promise<void> {
  if (!(await portIsFree(port, host))) throw new Error(`port ${port} on ${host} (${what}) is already in use. ${hint}`);
}

/** Copies a child's output line by line with a `[name]` prefix (unless the line has it already). */
function pipeLines(stream: NodeJS.ReadableStream, target: NodeJS.WritableStream, prefix: string): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    target.write(line.startsWith(prefix) ? `${line}\n` : `${prefix} ${line}\n`);
  });
}

function startService(name: string, script: string, env: NodeJS.ProcessEnv, cwd: string): Resource {
  const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  pipeLines(child.stdout!, process.stdout, `[${name}]`);
  pipeLines(child.stderr!, process.stderr, `[${name}]`);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve();
      if (!stopping) requestStop(1, `${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    });
    child.once('error', (error) => {
      children.delete(child);
      resolve();
      if (!stopping) requestStop(1, `${name} could not be started: ${error.message}`);
    });
  });
  return {
    name,
    stop: async () => {
      if (!children.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        warn(`${name} did not stop within ${CHILD_STOP_GRACE_MS / 1000} s; killing it`);
        child.kill('SIGKILL');
      }, CHILD_STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  for (;;) {
    checkAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`the API did not report healthy at ${url} within ${HEALTH_TIMEOUT_MS / 1000} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Loading embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handlers stop the
 * database and exit at once, while the API and worker still use it, and orphan the children.
 * This runner stops things itself, in order, so those handlers are removed again.
 */
async function withoutForeignSignalHandlers<T>(work: () => Promise<T>): Promise<T> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await work();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

async function start(): Promise<void> {
  const root = projectRoot();
  const dataDir = resolveDataDir();
  const apiMain = path.join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
  const workerMain = path.join(__dirname, '..', 'apps', 'worker', 'src', 'main.js');
  const bundle = path.resolve(process.env.WORKFLOW_BUNDLE_PATH?.trim() || path.join(__dirname, '..', 'workflow-bundle.js'));
  for (const file of [apiMain, workerMain, bundle]) {
    if (!existsSync(file)) throw new Error(`${shown(file)} is missing; run \`npm run build\` first (\`npm start\` does)`);
  }

  // Secrets are never printed, not even once on creation: terminal scrollback, CI logs, screen
  // shares and `npm start > file` all keep stdout. They live in a file only this OS user can
  // read (0600), and the summary says where and how to read the admin token from it.
  const secrets = await loadOrCreateSecrets(dataDir);
  if (secrets.created) say(`generated the admin token, the action-link secret and the monitoring webhook secret into ${shown(secrets.file!)} (mode 0600)`);
  const webhookSecret = secrets.monitoringWebhookSecret ? { MONITORING_WEBHOOK_SECRET: secrets.monitoringWebhookSecret } : {};
  // Temporal's history holds names, emails and answers: encrypted locally too, with a kept key.
  const payloadKeys = await loadOrCreatePayloadKeys(dataDir);
  if (payloadKeys.created) say(`generated the Temporal payload encryption key into ${shown(payloadKeys.file!)} (mode 0600)`);
  const payloadKeysEnv = payloadKeys.keys ? { TEMPORAL_PAYLOAD_KEYS: payloadKeys.keys } : {};

  const externalDatabase = process.env.DATABASE_URL?.trim();
  const externalTemporal = process.env.TEMPORAL_ADDRESS?.trim();
  const externalSmtp = process.env.SMTP_URL?.trim();
  const backend = temporalBackendFromEnv();
  // Validate the configuration before starting anything, so a bad PORT fails in a second.
  const config = loadAppConfig({
    ...process.env,
    DATABASE_URL: externalDatabase || 'postgres://placeholder/placeholder',
    ADMIN_TOKEN: secrets.adminToken,
    ACTION_LINK_SECRET: secrets.actionLinkSecret,
    ...webhookSecret,
    ...payloadKeysEnv,
  });
  if (config.port === 0) throw new Error('PORT=0 is not supported by `npm start`: the runner has to know where the API listens');
  const dialHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  await assertPortFree(config.port, config.host, 'the API', 'Stop what holds it, or set PORT to another port.');
  if (!externalTemporal) {
    const hint = `Stop what holds it, or if it is a Temporal server you want to use, run with TEMPORAL_ADDRESS=127.0.0.1:${TEMPORAL_PORT}.`;
    await assertPortFree(TEMPORAL_PORT, '127.0.0.1', backend === 'cluster' ? 'Temporal server' : 'Temporal dev server', hint);
    if (backend === 'dev') {
      await assertPortFree(TEMPORAL_UI_PORT, '127.0.0.1', 'Temporal Web UI', 'Stop what holds it, or set TEMPORAL_ADDRESS to use a running Temporal.');
    }
  }
  if (!externalSmtp) {
    const hint = 'Stop what holds it, or set SMTP_URL to the mail server to use.';
    await assertPortFree(SMTP_PORT, '127.0.0.1', 'SMTP capture', hint);
    await assertPortFree(INBOX_PORT, '127.0.0.1', 'mail inbox', hint);
  }

  checkAborted();
  if (!externalDatabase) say(`starting the embedded PostgreSQL in ${shown(path.join(dataDir, 'postgres'))}`);
  const database = await withoutForeignSignalHandlers(() => resolveDatabaseUrl(process.env, dataDir));
  resources.push({ name: 'PostgreSQL', stop: database.stop });
  checkAborted();

  const applied = await runMigrations(database.url);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  checkAborted();

  let temporalAddress = externalTemporal;
  let temporalUi: string | undefined;
  if (!temporalAddress && backend === 'cluster') {
    const binaries = await resolveTemporalServer({ allowBuild: true, log: say, signal: abort.signal });
    checkAborted();
    const runDir = path.join(dataDir, 'temporal-cluster');
    // Temporal's databases (temporal, temporal_visibility) live on the product's PostgreSQL
    // server unless TEMPORAL_POSTGRES_URL names another (e.g. when DATABASE_URL's user may not
    // create databases).
    const postgresUrl = process.env.TEMPORAL_POSTGRES_URL?.trim() || withDatabase(database.url, 'postgres');
    say(`starting Temporal's server on PostgreSQL (databases temporal and temporal_visibility; log ${shown(path.join(runDir, 'temporal-server.log'))})`);
    const cluster = await startTemporalCluster({
      binaries,
      postgresUrl,
      runDir,
      port: TEMPORAL_PORT,
      namespace: config.temporal.namespace,
      log: say,
      signal: abort.signal,
    });
    resources.push({ name: 'Temporal server', stop: cluster.stop });
    temporalAddress = cluster.address;
    checkAborted();
  }
  if (!temporalAddress) {
    const cliPath = await resolveTemporalCli({ allowBuild: true, allowDownload: true, log: say, signal: abort.signal });
    checkAborted();
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    say(`starting the Temporal dev server (${shown(path.join(dataDir, 'temporal.db'))})`);
    const temporal = await startTemporalDevServer({
      cliPath,
      port: TEMPORAL_PORT,
      uiPort: TEMPORAL_UI_PORT,
      dbFile: path.join(dataDir, 'temporal.db'),
      namespace: config.temporal.namespace,
      // The UI decodes payloads through the API's codec endpoint (auditors, governance office, admins).
      uiCodecEndpoint: payloadKeys.keys ? `${config.publicBaseUrl}/api/v1/temporal-codec` : undefined,
      signal: abort.signal,
    });
    resources.push({ name: 'Temporal dev server', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    checkAborted();
  }

  let smtpUrl = externalSmtp;
  let inbox: string | undefined;
  if (!smtpUrl) {
    const capture = await startMailCapture({ smtpPort: SMTP_PORT, httpPort: INBOX_PORT });
    resources.push({ name: 'mail capture', stop: capture.stop });
    smtpUrl = capture.smtpUrl;
    inbox = capture.inboxUrl;
    checkAborted();
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    ADMIN_TOKEN: secrets.adminToken,
    ACTION_LINK_SECRET: secrets.actionLinkSecret,
    ...webhookSecret,
    ...payloadKeysEnv,
    WORKFLOW_BUNDLE_PATH: bundle,
  };
  resources.push(startService('worker', workerMain, childEnv, root));
  resources.push(startService('api', apiMain, childEnv, root));
  await waitForHealth(`http://${dialHost.includes(':') ? `[${dialHost}]` : dialHost}:${config.port}/health/ready`);
  checkAborted();

  const base = config.publicBaseUrl;
  const adminToken =
    secrets.source.adminToken === 'env'
      ? 'the ADMIN_TOKEN you set'
      : `in ${shown(secrets.file!)} (adminToken); export ADMIN_TOKEN=$(node -p "require('${path.resolve(secrets.file!)}').adminToken")`;
  // The application comes first: it is what a person opens (the rest is for operators).
  const webAppBuilt = existsSync(path.join(__dirname, '..', 'web', 'index.html'));
  const webApp = webAppBuilt ? `${base}/` : 'not built (run `npm run build`)';
  const rows: Array<[string, string]> = [
    ['Application', webApp],
    ['API', `${base}/api/v1`],
    ['OpenAPI docs', `${base}/api/docs`],
    [
      'Temporal UI',
      temporalUi ??
        (backend === 'cluster' && !externalTemporal
          ? `none with the local cluster (Temporal server at ${temporalAddress}; docker-compose.yml runs the UI)`
          : `not started here (TEMPORAL_ADDRESS=${temporalAddress})`),
    ],
    ['Mail inbox', inbox ?? (externalSmtp ? 'none: mail goes to SMTP_URL' : `SMTP capture at ${smtpUrl}`)],
    ['PostgreSQL', database.embedded ? `embedded, data in ${shown(path.join(dataDir, 'postgres'))}` : redactUrl(database.url)],
    ['Admin token', adminToken],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(
    `\nAI Governance Engine is running${webAppBuilt ? `: open ${base}/ in your browser` : ''}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\nPress Ctrl-C to stop.\n\n`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => requestStop(0, `${signal}: stopping`));
}
startup = start();
startup.catch((error: Error) => {
  // Once a stop is under way, a failing step is only the abort taking effect.
  if (stopping || error instanceof Aborted) return;
  requestStop(1, `failed to start: ${error.message}`);
});
