import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runMigrations } from '@aigov/persistence/data-source.factory';
import { RunningPostgres, startEmbeddedPostgres } from '@aigov/persistence/embedded-postgres';
import { freeRestartablePort } from '@aigov/scripts/free-port';
import { temporalBackendFromEnv } from '@aigov/scripts/temporal-backend';
import { answersFor } from '../../support/assessment-answers';
import { assertAuditTrailIntact, assertPromptsAndDecisionsOnce, apiRetrying } from '../../support/fault-checks';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registrationBody } from '../../support/governance-flows';
import { startTestCluster, TestCluster, withDatabase } from '../../support/test-cluster';

const SYSTEMS = 10;
const backend = temporalBackendFromEnv();

/**
 * PostgreSQL (a private embedded server, so the test can stop it) is restarted while systems
 * are being registered, assessed and sent to approval. Requests that meet the outage answer
 * 503 and are retried; afterwards every projection, stage change and audit event is there
 * exactly once and the hash chains verify. With AIGOV_TEMPORAL=cluster, Temporal's server keeps
 * its own state on that same PostgreSQL, as a one-machine production install does, so the
 * restart takes the workflow engine's store away too.
 */
describe(`fault: PostgreSQL restarted under load${backend === 'cluster' ? ', with the Temporal cluster on it' : ''}`, () => {
  let h: Harness;
  let pg: RunningPostgres;
  let root: string;
  let port: number;
  let cluster: TestCluster | undefined;
  /** the API's JSON log lines */
  let apiLog = '';
  const apiLines = () => apiLog.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: string; msg: string; statusCode?: number });

  const startPg = () => startEmbeddedPostgres({ dataDir: join(root, 'postgres'), port, database: 'aigov' });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'aigov-pg-restart-'));
    // The server runs as `postgres` when we are root, and must get through.
    await chmod(root, 0o755);
    port = await freeRestartablePort();
    pg = await startPg();
    await runMigrations(pg.url);
    if (backend === 'cluster') cluster = await startTestCluster({ postgresUrl: withDatabase(pg.url, 'postgres') });
    h = await startGovernanceHarness({
      databaseUrl: pg.url,
      policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml'),
      ...(cluster ? { env: { TEMPORAL_ADDRESS: cluster.address } } : {}),
      apiLog: new Writable({
        write(chunk, _encoding, done) {
          apiLog += chunk.toString();
          done();
        },
      }),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await cluster?.destroy();
    await pg?.stop();
    await rm(root, { recursive: true, force: true });
  });

  /** The answer's status, with the API's error lines beside it when it is not the one expected (a 500 says why only in the log). */
  function expectStatus(response: { status: number; body: unknown }, expected: number): void {
    if (response.status === expected) return;
    // Every 503 of the outage has an error-level access line too; the others are what to read.
    const errors = apiLines().filter((l) => l.level === 'error' && l.statusCode !== 503);
    expect({ status: response.status, body: response.body, apiErrors: errors }).toEqual({ status: expected, body: expect.anything(), apiErrors: [] });
  }

  /** register, submit, assess: each request retried while the database is away */
  async function drive(owner: HarnessUser, name: string): Promise<string> {
    const created = await apiRetrying(h, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registrationBody(name) });
    expectStatus(created, 201);
    const path = `/api/v1/ai-systems/${created.body.id}`;
    expectStatus(await apiRetrying(h, 'POST', `${path}/submit`, { token: owner.token }), 201);
    const assessed = await apiRetrying(h, 'POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: answersFor('limited') } });
    expectStatus(assessed, 201);
    return created.body.id;
  }

  it('keeps every projection and audit event, once, across the restart', async () => {
    const stamp = `P${Date.now()}`;
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const auditor = await h.createUser(['auditor']);

    const driving = Promise.all(
      Array.from({ length: SYSTEMS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 150));
        return drive(owner, `${stamp} system ${i}`);
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    await pg.stop();
    await new Promise((r) => setTimeout(r, 2_000));
    pg = await startPg();
    const ids = await driving;

    // Exactly one system per name: no retried request registered a twin.
    const rows: Array<{ id: string; name: string; stage: string }> = await h.dataSource.query(
      `SELECT id, name, stage FROM ai_systems WHERE name LIKE $1 || '%' ORDER BY name`,
      [stamp],
    );
    expect(rows.map((r) => r.name)).toEqual(Array.from({ length: SYSTEMS }, (_, i) => `${stamp} system ${i}`).sort());
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const history: Array<{ to_stage: string }> = await h.dataSource.query(
        'SELECT to_stage FROM stage_transitions WHERE ai_system_id = $1 ORDER BY seq',
        [id],
      );
      expect(history.map((r) => r.to_stage)).toEqual(['design', 'impact_assessment', 'approval']);
      const events: Array<{ event_type: string }> = await h.dataSource.query(
        `SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`,
        [`ai-system:${id}`],
      );
      const types = events.map((e) => e.event_type);
      expect(types.filter((t) => t === 'ai_system.registered')).toHaveLength(1);
      expect(types.filter((t) => t === 'impact_assessment.submitted')).toHaveLength(1);
    }

    // The rounds go on as usual once the database is back.
    for (const id of ids) {
      const task = await openTaskOf(h, id, gov, { timeoutMs: 60_000 });
      expect((await apiRetrying(h, 'POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'reject', comment: 'test' } })).status).toBe(200);
    }
    await assertPromptsAndDecisionsOnce(h, ids);
    await assertAuditTrailIntact(h, auditor);

    // The outage is in the log once, not once per 503 (each still has its access line: people's routes).
    const answered503 = apiLines().filter((r) => r.msg === 'request failed' && r.statusCode === 503).length;
    const outageWarnings = apiLines().filter((r) => r.level === 'warn' && r.msg.startsWith('answered 503, the database is unavailable: ') && r.msg.includes('(more of these are counted'));
    expect(answered503).toBeGreaterThan(1);
    expect(outageWarnings).toHaveLength(1);
  });
});
