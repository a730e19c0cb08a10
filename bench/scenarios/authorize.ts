import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { LoadClient, LoadSchedule } from '../bench-args';
import { type CoreStalls, probeCoreStalls } from '../support/core-stall-probe';
import { KeepAliveClient, requestBytes } from '../support/keep-alive-client';
import { collectGarbage } from '../support/collect-garbage';
import { buildGoLoadGenerator, type GeneratedPhase, GoLoadGenerator } from '../support/go-load-generator';
import { Metronome } from '../support/metronome';
import type { BenchContext, Metric, ScenarioResult } from './bench-types';
import { call, decide, deploy, FlowContext, pool, toApproval } from './lifecycle-flow';
import { percentile, round } from './stats-lite';

export interface AuthorizeBenchContext extends BenchContext {
  flow: FlowContext;
  /** an admin's token, to issue the gateway token */
  adminToken: string;
  /** the API process, whose CPU time per request is reported (a figure a loaded machine changes less than latency) */
  apiPid: number;
}

export interface AuthorizeBenchOptions {
  /** requests per second, sent open-loop (on a fixed schedule, whatever the answers do) */
  rate: number;
  /** seconds of load per measured phase */
  seconds: number;
  /** systems in operation the requests are spread over */
  systems: number;
  /** what sends the HTTP load: the lean keep-alive client (default), Node's http client, or the Go generator, to compare */
  client: LoadClient;
  /** what keeps the schedule: the metronome thread (default), or Node's timers to compare; the Go generator keeps its own */
  schedule: LoadSchedule;
}

const SCOPE = {
  dataCategories: ['customer_contact', 'order_history'],
  tools: ['crm.search', 'orders.lookup', 'mail.draft'],
  decisions: ['refund_under_50_eur'],
  autonomy: 'human_on_the_loop',
};
/** One request in ten asks for a tool outside the scope: the deny path (its audit is per minute, not per request). */
const DENY_EVERY = 10;
const WARM_UP_SECONDS = 3;
const CLIENT_NOTES: Record<LoadClient, string> = {
  lean: 'the lean keep-alive client (request bytes prepared once, one request at a time per connection)',
  'node-http': "Node's http client with a keep-alive agent",
  go: 'the Go generator in a process of its own, on one thread, its schedule kept by the kernel (a timerfd), the same bytes and connection use as the lean client',
};
/** The floor's pool: as many connections as the API's pool. */
const FLOOR_CONNECTIONS = 10;
/** The machine check before the load (core-stall-probe.ts): every core busy, nothing else measured. */
const STALL_PROBE_SECONDS = 5;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

type MeasuredPhase = PhaseResult & { cpuMsPerRequest: number | null; generatorCpuMsPerRequest: number };

/**
 * A phase with CPU time per request measured around it: the API's, and the load generator's
 * (this process with its metronome thread, plus the Go generator's process when it sends), which
 * shares the same two cores.
 */
async function withCpu(pid: number, phase: () => Promise<PhaseResult>): Promise<MeasuredPhase> {
  const before = cpuSeconds(pid);
  const generatorBefore = process.cpuUsage();
  const result = await phase();
  const generator = process.cpuUsage(generatorBefore);
  const after = cpuSeconds(pid);
  return {
    ...result,
    cpuMsPerRequest: before === null || after === null ? null : ((after - before) * 1000) / result.sent,
    generatorCpuMsPerRequest: ((generator.user + generator.system) / 1000 + (result.externalGeneratorCpuMs ?? 0)) / result.sent,
  };
}

interface PhaseResult {
  /** ms from each request's scheduled send time to its answer (so a stalled sender shows as latency, not as fewer requests) */
  latencies: number[];
  errors: number;
  sent: number;
  /** ms the sender ran behind its schedule, p99: how well the generator kept its rate */
  senderLagP99: number;
  durationS: number;
  /** when request 0 was due, in ms since the epoch (request n was due `n * 1000 / rate` ms later): for the trace */
  startedAtEpochMs: number;
  /** CPU ms of the Go generator's process over the phase, when it sent the load */
  externalGeneratorCpuMs?: number;
}

/** A phase the Go generator ran, as the bench reports phases. */
function fromGenerator(phase: GeneratedPhase): PhaseResult {
  return {
    latencies: phase.latenciesMs,
    errors: phase.errors,
    sent: phase.latenciesMs.length,
    senderLagP99: percentile(phase.lagsMs, 99),
    durationS: phase.durationS,
    startedAtEpochMs: phase.startedAtUnixMs,
    externalGeneratorCpuMs: phase.cpuMs,
  };
}

/**
 * Fires `send` `rate` times a second for `seconds` on a fixed schedule (open loop: a slow answer
 * does not delay the next request, as with many independent gateway workers). It keeps nothing
 * per request but two numbers in preallocated arrays: a promise kept per request (30,000 in a
 * phase) made every young collection of this process copy them all, and this process's pauses
 * show as the API's latency. Without a metronome (--authorize-schedule timers), Node's timers keep
 * the schedule.
 */
function openLoop(rate: number, seconds: number, metronome: Metronome | undefined, send: (i: number) => Promise<boolean>): Promise<PhaseResult> {
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  let errors = 0;
  let outstanding = 0;
  let i = 0;
  const start = performance.now() + 20;
  return new Promise((resolve) => {
    const finish = () =>
      resolve({
        latencies: Array.from(latencies),
        errors,
        sent: total,
        senderLagP99: percentile(Array.from(lags), 99),
        durationS: (performance.now() - start) / 1000,
        startedAtEpochMs: performance.timeOrigin + start,
      });
    const settle = (n: number, scheduled: number, ok: boolean) => {
      latencies[n] = performance.now() - scheduled;
      if (!ok) errors++;
      if (--outstanding === 0 && i === total) finish();
    };
    /** Sends the requests below `upTo` that are due by now (all of them when the metronome says so); true once all have gone. */
    const sendDue = (upTo: number, dueByNow: boolean): boolean => {
      const now = performance.now();
      while (i < upTo && (dueByNow || start + i * interval <= now)) {
        const scheduled = start + i * interval;
        lags[i] = now - scheduled;
        const n = i++;
        outstanding++;
        send(n).then(
          (ok) => settle(n, scheduled, ok),
          () => settle(n, scheduled, false),
        );
      }
      if (i < total) return false;
      if (outstanding === 0) finish();
      return true;
    };
    if (metronome) {
      metronome.run(start, interval, total, (upTo) => sendDue(upTo, true));
      return;
    }
    const tick = () => {
      if (!sendDue(total, false)) setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
    };
    tick();
  });
}

/**
 * With AIGOV_BENCH_TRACE_DIR set (a diagnostics run, bench/diagnostics/latency-attribution-preload.js),
 * each request of a phase as `due at (ms since the epoch),latency (ms)`, to line up with what the
 * processes recorded on the same clock.
 */
function writeTrace(name: string, rate: number, phase: PhaseResult): void {
  const dir = process.env.AIGOV_BENCH_TRACE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const interval = 1000 / rate;
  writeFileSync(join(dir, `${name}-requests.csv`), phase.latencies.map((ms, n) => `${(phase.startedAtEpochMs + n * interval).toFixed(3)},${ms.toFixed(3)}`).join('\n') + '\n');
}

/** A keep-alive HTTP request through Node's http client that resolves with the status once the body is read. */
function nodeHttpRequest(agent: http.Agent, url: URL, method: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface LoadRequest {
  url: URL;
  method: string;
  token: string;
  body?: string;
}

/** The bytes the lean client and the Go generator send: a bearer token, JSON accepted and sent. */
function jsonRequestBytes({ url, method, token, body }: LoadRequest): Buffer {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return requestBytes(url, method, headers, body);
}

interface LoadSender {
  /** one distinct request, made ready once; each call of what it returns sends it and resolves with the status */
  prepare(request: LoadRequest): () => Promise<number>;
  close(): void;
}

/**
 * The HTTP load of the open-loop phases. `lean` (the default) sends each distinct request's bytes,
 * prepared once before the load, on kept-alive connections (support/keep-alive-client.ts);
 * `node-http` is Node's http client with a keep-alive agent, the bench's client before
 * 2026-12-01's evening runs, kept to compare: its own CPU time and garbage collection in this
 * process showed as API latency.
 */
function loadSender(client: Exclude<LoadClient, 'go'>, base: URL): LoadSender {
  if (client === 'node-http') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    return { prepare: ({ url, method, token, body }) => () => nodeHttpRequest(agent, url, method, token, body), close: () => agent.destroy() };
  }
  const lean = new KeepAliveClient({ host: base.hostname, port: Number(base.port) });
  return {
    prepare: (request) => {
      const bytes = jsonRequestBytes(request);
      return () => lean.send(bytes);
    },
    close: () => lean.close(),
  };
}

interface HttpLoad {
  /** `rate` requests a second for `seconds`, send n being requests[requestOf(n)]; an answer other than 200 is an error */
  phase(seconds: number, requestOf: (n: number) => number): Promise<PhaseResult>;
  close(): Promise<void>;
}

/**
 * The HTTP phases' sender: in this process on the open-loop schedule (the lean client or Node's
 * http client), or the Go generator in a process of its own, which keeps its own schedule
 * (bench/load-generator/main.go says what it showed).
 */
async function httpLoad(opts: AuthorizeBenchOptions, base: URL, requests: LoadRequest[], metronome: Metronome | undefined, log: (line: string) => void): Promise<HttpLoad> {
  if (opts.client === 'go') {
    const generator = await GoLoadGenerator.start(await buildGoLoadGenerator(log), { host: base.hostname, port: Number(base.port) }, requests.map(jsonRequestBytes));
    return {
      phase: async (seconds, requestOf) => fromGenerator(await generator.phase(opts.rate, seconds, requestOf)),
      close: () => generator.close(),
    };
  }
  const sender = loadSender(opts.client, base);
  const sends = requests.map((r) => sender.prepare(r));
  return {
    phase: (seconds, requestOf) => openLoop(opts.rate, seconds, metronome, (n) => sends[requestOf(n)]!().then((status) => status === 200)),
    close: async () => sender.close(),
  };
}

/**
 * POST /api/v1/authorize under a fixed open-loop load (default 1,000 requests/s), next to two
 * lookups measured the same way right after it:
 * - the baseline: GET /api/v1/users/me with a personal token, the API's cheapest authenticated
 *   read (a token looked up by its hash, then one row by primary key), over the same HTTP stack,
 *   guard and connection pool. That is what authorize does too (its gateway token by hash, then
 *   the system and its approved scope by primary key) minus the decision itself, so the ratio
 *   shows what enforcing a scope adds to an authenticated indexed read;
 * - the floor: a prepared SELECT by primary key on a pool of the API's size, from this process,
 *   without HTTP: what the database and the driver cost alone.
 * Both run against systems taken to operation through the product (registered with a scope,
 * assessed, approved, deployed), and a gateway token issued through the API.
 */
export async function runAuthorize(ctx: AuthorizeBenchContext, opts: AuthorizeBenchOptions): Promise<ScenarioResult> {
  ctx.log(`authorize: taking ${opts.systems} systems with a scope to operation`);
  const systems = await pool(opts.systems, 8, async (i) => {
    const { id, tasks } = await toApproval(ctx.flow, `bench-authorize-${i}`, { scope: SCOPE });
    for (const approver of ctx.flow.approvers) await decide(ctx.flow, approver, tasks.get(approver.id)!);
    await deploy(ctx.flow, id);
    return id;
  });
  const issued = await call(ctx, 'POST', '/api/v1/gateway-tokens', ctx.adminToken, { gatewayName: 'bench-gateway', gatewayKind: 'ai_gateway' });
  const secret: string = issued.secret;

  const base = new URL(ctx.baseUrl);
  const authorizeUrl = new URL('/api/v1/authorize', base);
  const meUrl = new URL('/api/v1/users/me', base);
  const bodies = systems.flatMap((systemId) => [
    JSON.stringify({ systemId, action: 'call_tool', targets: ['crm.search'] }),
    JSON.stringify({ systemId, action: 'use_data', targets: ['customer_contact', 'order_history'] }),
    JSON.stringify({ systemId, action: 'take_decision', targets: ['refund_under_50_eur'], version: '1.0.0' }),
  ]);
  const denyBodies = systems.map((systemId) => JSON.stringify({ systemId, action: 'call_tool', targets: ['shell.exec'] }));
  // Every distinct request, prepared once: the allows, the denies, then GET /users/me.
  const requests: LoadRequest[] = [
    ...[...bodies, ...denyBodies].map((body) => ({ url: authorizeUrl, method: 'POST', token: secret, body })),
    { url: meUrl, method: 'GET', token: ctx.token },
  ];
  const authorizeRequestOf = (n: number) => (n % DENY_EVERY === DENY_EVERY - 1 ? bodies.length + (n % denyBodies.length) : n % bodies.length);
  const meRequestOf = () => requests.length - 1;

  // The answers are right before they are timed.
  const allow = await call(ctx, 'POST', '/api/v1/authorize', secret, JSON.parse(bodies[0]));
  const deny = await call(ctx, 'POST', '/api/v1/authorize', secret, JSON.parse(denyBodies[0]));
  if (allow.decision !== 'allow' || deny.reason !== 'outside_scope') throw new Error(`authorize answered ${JSON.stringify(allow)} and ${JSON.stringify(deny)}`);

  // The floor's pool is warm, as a long-running service's is: before 2026-12-02 afternoon it opened
  // connections during the phase and closed them after 10 s idle, and each new PostgreSQL backend
  // (tens of ms of CPU) landed in the floor's own tail.
  const db = new Pool({ connectionString: ctx.databaseUrl, max: FLOOR_CONNECTIONS, idleTimeoutMillis: 0 });
  const lookup = { name: 'bench_pk_lookup', text: 'SELECT id, stage, current_version FROM ai_systems WHERE id = $1' };
  const floorOnce = (n: number) => db.query({ ...lookup, values: [systems[n % systems.length]] }).then((r) => r.rowCount === 1);
  // Started before anything is timed and kept for every phase (support/metronome.ts says why).
  const metronome = opts.schedule === 'metronome' ? await Metronome.boot() : undefined;
  const phase = (seconds: number, send: (n: number) => Promise<boolean>) => openLoop(opts.rate, seconds, metronome, send);
  const http = await httpLoad(opts, base, requests, metronome, ctx.log);
  let oneCore: CoreStalls, stalls: CoreStalls, authorize: MeasuredPhase, me: MeasuredPhase, floor: PhaseResult;
  try {
    // Before the load, with the API, PostgreSQL and Temporal idle: can this machine show a p99 of a few milliseconds at all?
    ctx.log(`authorize: machine check: a busy loop on one core, then on each of the ${os.cpus().length} cores, for ${STALL_PROBE_SECONDS} s each`);
    oneCore = await probeCoreStalls(STALL_PROBE_SECONDS, 1);
    stalls = await probeCoreStalls(STALL_PROBE_SECONDS, os.cpus().length);
    ctx.log(`authorize: warm-up ${WARM_UP_SECONDS} s, then ${opts.seconds} s at ${opts.rate} requests/s per phase`);
    await http.phase(WARM_UP_SECONDS, authorizeRequestOf);
    await collectGarbage();
    authorize = await withCpu(ctx.apiPid, () => http.phase(opts.seconds, authorizeRequestOf));
    writeTrace('authorize', opts.rate, authorize);
    await collectGarbage();
    me = await withCpu(ctx.apiPid, () => http.phase(opts.seconds, meRequestOf));
    const clients = await Promise.all(Array.from({ length: FLOOR_CONNECTIONS }, () => db.connect()));
    await Promise.all(clients.map((c) => c.query({ ...lookup, values: [systems[0]] })));
    for (const c of clients) c.release();
    await phase(WARM_UP_SECONDS, floorOnce);
    await collectGarbage();
    floor = await phase(opts.seconds, floorOnce);
  } finally {
    await db.end();
    await http.close();
    await metronome?.close();
  }

  const p = (r: PhaseResult, q: number) => round(percentile(r.latencies, q), 2);
  const side = (q: number): Metric => ({
    name: `authorize p${q}`,
    value: p(authorize, q),
    unit: 'ms',
    baseline: { name: `GET /users/me p${q}`, value: p(me, q), unit: 'ms' },
    ratio: round(p(authorize, q) / p(me, q)),
    ...(q === 99 ? { target: '< 5 ms at the offered rate', met: p(authorize, 99) < 5 && authorize.errors === 0 } : {}),
  });
  return {
    scenario: `authorize at ${opts.rate} requests/s`,
    metrics: [
      side(50),
      side(95),
      side(99),
      { name: 'plain SELECT by primary key p50 (pool, no HTTP)', value: p(floor, 50), unit: 'ms' },
      { name: 'plain SELECT by primary key p99 (pool, no HTTP)', value: p(floor, 99), unit: 'ms' },
      { name: 'authorize answered', value: round(authorize.sent / authorize.durationS), unit: 'requests/s' },
      { name: 'authorize errors (non-200)', value: authorize.errors, unit: `of ${authorize.sent}` },
      { name: 'GET /users/me errors (non-200)', value: me.errors, unit: `of ${me.sent}` },
      { name: 'load generator lag p99 (authorize phase)', value: round(authorize.senderLagP99, 2), unit: 'ms' },
      {
        name: `load generator CPU time per authorize request (${opts.client === 'go' ? 'the Go process and this one' : 'this process'}, every thread)`,
        value: round(authorize.generatorCpuMsPerRequest, 3),
        unit: 'ms',
      },
      ...(authorize.externalGeneratorCpuMs === undefined
        ? []
        : [{ name: 'of which the Go process', value: round(authorize.externalGeneratorCpuMs / authorize.sent, 3), unit: 'ms' }]),
      { name: 'machine check: longest stall of a busy core, one core busy', value: oneCore.longestMs, unit: 'ms' },
      { name: 'machine check: longest stall of a busy core, every core busy', value: stalls.longestMs, unit: 'ms' },
      { name: 'machine check: stalls over 5 ms', value: stalls.over5Ms, unit: `in ${stalls.seconds} s on ${stalls.cores} cores` },
      { name: 'machine check: share of core time stalled (gaps over 0.5 ms)', value: round(stalls.stalledShare * 100, 2), unit: '%' },
      ...(authorize.cpuMsPerRequest !== null && me.cpuMsPerRequest !== null
        ? [
            {
              name: 'API CPU time per authorize request',
              value: round(authorize.cpuMsPerRequest, 3),
              unit: 'ms',
              baseline: { name: 'per GET /users/me', value: round(me.cpuMsPerRequest, 3), unit: 'ms' },
              ratio: round(authorize.cpuMsPerRequest / me.cpuMsPerRequest),
            },
          ]
        : []),
    ],
    notes: [
      `open loop: requests sent on a fixed schedule for ${opts.seconds} s per phase after a ${WARM_UP_SECONDS} s warm-up; latency counted from each request's scheduled time`,
      `${opts.systems} systems in operation with an approved scope; 1 request in ${DENY_EVERY} is a deny (outside the scope), the rest allows over three actions`,
      'baseline: GET /api/v1/users/me with a personal token (token by hash, then one row by primary key), same HTTP stack and pool as authorize',
      `floor: a prepared SELECT by primary key on a ${FLOOR_CONNECTIONS}-connection pool in the bench process, without HTTP; every connection opened and the statement prepared on it first, then a ${WARM_UP_SECONDS} s warm-up`,
      `the load generator runs on the same machine as the API and PostgreSQL; its lag says whether it kept the rate; HTTP client: ${CLIENT_NOTES[opts.client]}`,
      'API CPU time per request: the API process\'s user + system time over the phase divided by the requests sent (1,000 requests/s needs it well under 1 ms on a core); the load generator\'s the same way, for the share of the two cores it takes from the API and PostgreSQL',
      `machine check, before the load: a busy loop on one core, then on every core at once, for ${STALL_PROBE_SECONDS} s each, each loop noting when it did not run; on a machine of its own a stall is a millisecond or two, on a virtual machine whose host shares its physical cores a virtual core can stop for tens of milliseconds, and no p99 below that can be seen there`,
    ],
  };
}
