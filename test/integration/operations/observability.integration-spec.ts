import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { parsePrometheusText } from '../../support/prometheus-text';
import { waitUntil } from '../../support/wait-until';

interface LogRecord {
  level: string;
  msg: string;
  requestId?: string;
  route?: string;
  method?: string;
  statusCode?: number;
  activityType?: string;
  [key: string]: unknown;
}

/** JSON lines from the text, the non-JSON ones skipped */
function records(text: string): LogRecord[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogRecord];
      } catch {
        return [];
      }
    });
}

/**
 * Running it in production, on real parts: the API in this process with its log lines captured,
 * the worker as its own process (so it installs the Temporal runtime with the SDK's metrics
 * exporter, as in production) with its stdout read back; PostgreSQL and Temporal real.
 */
describe('running it in production: metrics, logs and health', () => {
  let h: Harness;
  let apiLog = '';
  const metricsToken = randomBytes(24).toString('base64url');
  const apiLines = () => records(apiLog);
  const workerLines = () => records(h.workerProcess!.output());

  beforeAll(async () => {
    h = await startGovernanceHarness({
      worker: 'process',
      policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml'),
      // debug: the SDK's per-activity lines ('Activity completed') are debug lines
      env: { METRICS_TOKEN: metricsToken, LOG_LEVEL: 'debug' },
      apiLog: new Writable({
        write(chunk, _encoding, done) {
          apiLog += chunk.toString();
          done();
        },
      }),
    });
  });
  afterAll(() => h?.stop());

  const scrape = async (url: string, token = metricsToken) => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };

  it('follows a request id from the API into the workflow and its activities, and echoes it', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const requestId = `obs-${randomUUID()}`;
    const created = await h.api('POST', '/api/v1/ai-systems', {
      token: owner.token,
      headers: { 'x-request-id': requestId },
      body: { ...registrationBody('Observability system'), accountableOwnerId: owner.user.id },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(requestId);

    // The access line is written once the answer has gone out, a moment after the client may have it.
    const access = await waitUntil(async () => apiLines().find((r) => r.requestId === requestId && r.msg === 'request completed'), 5_000, 'the access line');
    expect(access).toMatchObject({ level: 'info', method: 'POST', route: '/api/v1/ai-systems', statusCode: 201, service: 'api' });
    // The activity the registration's workflow ran (its projection) logged with the same id.
    const activityLine = await waitUntil(async () => workerLines().find((r) => r.requestId === requestId && r.activityType), 30_000, 'an activity log line with the request id');
    expect(activityLine).toMatchObject({ service: 'worker', workflowId: `ai-system:${created.body.id}` });

    // An id that is not well-formed is replaced, not logged as sent.
    const forged = await h.api('GET', '/health/live', { headers: { 'x-request-id': 'forged "} {"level":"fatal' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves no secret in the log lines: tokens in headers, cookies, action and sign-in links', async () => {
    const user = await h.createUser(['governance_office']);
    const secrets = {
      bearer: user.token,
      admin: h.config.adminToken,
      cookie: `cookie-${randomBytes(16).toString('hex')}`,
      csrf: `csrf-${randomBytes(16).toString('hex')}`,
      action: `action-${randomBytes(24).toString('hex')}`,
      signIn: `signin-${randomBytes(24).toString('hex')}`,
      query: `query-${randomBytes(16).toString('hex')}`,
    };
    const before = apiLog.length;
    const headers = { cookie: `aigov_session=${secrets.cookie}`, 'x-csrf-token': secrets.csrf };
    await h.api('GET', '/api/v1/tasks', { token: secrets.bearer, headers });
    await h.api('POST', '/api/v1/users', { token: secrets.admin, headers, body: { email: 'not-an-email', name: 'x', roles: ['auditor'] } });
    await h.api('GET', `/actions/${secrets.action}`);
    await h.api('POST', `/actions/${secrets.action}`, { body: `decision=approve&comment=${secrets.query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await h.api('GET', `/auth/sign-in/${secrets.signIn}`);
    await h.api('GET', `/api/v1/ai-systems?q=x&token=${secrets.query}`, { token: secrets.bearer });
    const routes = ['/api/v1/tasks', '/api/v1/users', '/actions/:token', '/auth/sign-in/:token', '/api/v1/ai-systems'];
    const logged = () => new Set(records(apiLog.slice(before)).filter((r) => r.msg === 'request completed' || r.msg === 'request failed').map((r) => r.route));
    await waitUntil(async () => (routes.every((route) => logged().has(route)) ? true : undefined), 5_000, `access lines naming ${routes.join(', ')}`);
    const everything = apiLog.slice(before) + h.workerProcess!.output();
    for (const [name, secret] of Object.entries(secrets)) expect({ name, leaked: everything.includes(secret) }).toEqual({ name, leaked: false });
    const password = new URL(h.config.databaseUrl).password;
    if (password) expect(everything).not.toContain(password);
  });

  it("serves the API's metrics to the token only: requests by route pattern, latency, open approvals as in the database", async () => {
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-xxxxxxxx' } })).status).toBe(401);

    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited');
    await openTaskOf(h, system.id, gov);

    const route = { method: 'GET', route: '/api/v1/ai-systems/:id', status: '200' };
    const first = await scrape(`${h.baseUrl}/metrics`);
    expect((await h.api('GET', system.path, { token: owner.token })).status).toBe(200);
    const moved = (later: Awaited<ReturnType<typeof scrape>>, name: string) => (later.value(name, route) ?? 0) - (first.value(name, route) ?? 0);
    // Counted once the answer has gone out, a moment after the client may have it.
    const second = await waitUntil(async () => {
      const now = await scrape(`${h.baseUrl}/metrics`);
      return moved(now, 'aigov_http_requests_total') > 0 ? now : undefined;
    }, 5_000, 'the request counted');
    expect(moved(second, 'aigov_http_requests_total')).toBe(1);
    expect(moved(second, 'aigov_http_request_duration_seconds_count')).toBe(1);
    expect(second.types.get('aigov_http_request_duration_seconds')).toBe('histogram');
    // Route patterns only: no id of a system ever becomes a label.
    expect(second.samples.some((s) => Object.values(s.labels).some((v) => v.includes(system.id)))).toBe(false);
    expect(second.value('process_resident_memory_bytes')).toBeGreaterThan(0);

    // The gauge is read from the read model (cached for 5 s): it comes to equal the database's count.
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'approval' AND status = 'open'`);
    expect(n).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => ((await scrape(`${h.baseUrl}/metrics`)).value('aigov_approvals_open') === n ? true : undefined), 15_000, `aigov_approvals_open = ${n}`);
    const outbox = await scrape(`${h.baseUrl}/metrics`);
    for (const name of ['aigov_reviews_overdue', 'aigov_email_outbox_pending', 'aigov_email_outbox_oldest_pending_seconds']) expect(outbox.types.get(name)).toBe('gauge');
  });

  it("serves the worker's health and metrics, with the Temporal SDK's own worker metrics", async () => {
    expect(await (await fetch(`${h.workerHttpUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${h.workerHttpUrl}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ok', database: 'up', temporal: 'up' } });
    expect((await fetch(`${h.workerHttpUrl}/metrics`)).status).toBe(401);
    const metrics = await scrape(`${h.workerHttpUrl}/metrics`);
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    // The SDK's figures: its task slots, and (the exporter may lag a moment) the activities the earlier tests ran.
    expect(metrics.samples.filter((s) => s.name === 'temporal_worker_task_slots_available').length).toBeGreaterThan(0);
    await waitUntil(
      async () => ((await scrape(`${h.workerHttpUrl}/metrics`)).samples.some((s) => s.name === 'temporal_activity_execution_latency_count' && s.value > 0) ? true : undefined),
      15_000,
      'temporal_activity_execution_latency in the worker metrics',
    );
  });

  it('answers liveness without touching a dependency and readiness 503 naming the database while it refuses connections', async () => {
    expect(await (await fetch(`${h.baseUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    expect((await h.api('GET', '/health/ready')).body).toEqual({ status: 'ok', database: 'up', temporal: 'up' });

    const database = new URL(h.config.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: Object.assign(new URL(h.config.databaseUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      const down = { status: 'degraded', database: 'down', temporal: 'up' };
      expect(await h.api('GET', '/health/ready')).toMatchObject({ status: 503, body: down });
      // /health asks no dependency: it answers at once while the database refuses connections.
      expect(await h.api('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
      const worker = await fetch(`${h.workerHttpUrl}/health/ready`);
      expect({ status: worker.status, body: await worker.json() }).toEqual({ status: 503, body: down });
      expect((await fetch(`${h.baseUrl}/health/live`)).status).toBe(200);
      expect((await fetch(`${h.workerHttpUrl}/health/live`)).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await waitUntil(async () => ((await h.api('GET', '/health/ready')).status === 200 ? true : undefined), 15_000, 'readiness back to 200');
  });
});
