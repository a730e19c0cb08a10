import { Client, Connection } from '@temporalio/client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aiSystemWorkflowId, approvalWorkflowId } from '@aigov/temporal/workflow-ids';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { freeRestartablePort } from '@aigov/scripts/free-port';
import { startTemporalDevServer, TemporalDevServer } from '@aigov/scripts/temporal-dev-server';
import { temporalBackendFromEnv } from '@aigov/scripts/temporal-backend';
import { assertAuditTrailIntact, assertPromptsAndDecisionsOnce, apiRetrying } from '../../support/fault-checks';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { startTestCluster, TestCluster, withDatabase } from '../../support/test-cluster';
import { testDataConverter } from '../../support/temporal-data-converter';

/** The server this test restarts: the kind the run uses (AIGOV_TEMPORAL), with state that survives a restart. */
interface RestartableTemporal {
  address: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A dev server of its own on a SQLite file, restarted on the same file and port. */
async function devServerOnFile(): Promise<RestartableTemporal> {
  const cliPath = await resolveTemporalCli({ allowBuild: false, allowDownload: false });
  const dir = await mkdtemp(join(tmpdir(), 'aigov-temporal-restart-'));
  const dbFile = join(dir, 'temporal.db');
  const port = await freeRestartablePort();
  let server: TemporalDevServer = await startTemporalDevServer({ cliPath, port, dbFile });
  return {
    address: server.address,
    stop: () => server.stop(),
    start: async () => {
      server = await startTemporalDevServer({ cliPath, port, dbFile });
    },
    destroy: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Temporal's server of its own, on two databases of the test PostgreSQL server, restarted on them and the same port. */
async function clusterOnPostgres(): Promise<RestartableTemporal> {
  const cluster: TestCluster = await startTestCluster({ postgresUrl: withDatabase(process.env.TEST_DATABASE_URL!, 'postgres') });
  return { address: cluster.address, stop: cluster.stopServer, start: cluster.startServer, destroy: cluster.destroy };
}

const backend = temporalBackendFromEnv();

/**
 * A Temporal server of its own (the dev server on a SQLite file, or with AIGOV_TEMPORAL=cluster
 * Temporal's server on PostgreSQL) is stopped while approval rounds wait for people and timers,
 * and started again on the same state and port. Every workflow must resume: decisions complete
 * the rounds, and durable timers (reminder, escalation, expiry) still fire.
 */
describe(`fault: Temporal ${backend === 'cluster' ? 'cluster server restarted on its PostgreSQL databases' : 'dev server restarted on its database file'}`, () => {
  let h: Harness;
  let server: RestartableTemporal;

  beforeAll(async () => {
    server = backend === 'cluster' ? await clusterOnPostgres() : await devServerOnFile();
    h = await startGovernanceHarness({
      policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml'),
      worker: 'process',
      env: { TEMPORAL_ADDRESS: server.address },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await server?.destroy();
  });

  const openTask = (systemId: string, user: HarnessUser) => openTaskOf(h, systemId, user, { timeoutMs: 120_000 });

  it('resumes every workflow: rounds complete and timers fire after the restart', async () => {
    const stamp = `T${Date.now()}`;
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const auditor = await h.createUser(['auditor']);
    await h.createUser(['approver'], { email: 'timekeeper@example.test' });
    await h.createUser(['approver'], { email: 'escalation@example.test' });

    const systems = await Promise.all([0, 1, 2, 3].map((i) => registerForApproval(h, owner, 'limited', { name: `${stamp} waiting ${i}` })));
    const tasks = await Promise.all(systems.map((s) => openTask(s.id, gov)));
    // The minimal tier's round reminds after 2 s, escalates after 4 s and expires after 9 s.
    const timed = await registerForApproval(h, owner, 'minimal', { name: `${stamp} timed` });
    await h.mail.waitFor((m) => m.subject.includes(`${stamp} timed`), 60_000);

    await server.stop();
    await new Promise((r) => setTimeout(r, 3_000));
    await server.start();
    // A worker that gave up while the server was away exits (main.ts); a supervisor restarts it.
    if (h.workerProcess!.pid() === null) await h.workerProcess!.start();

    // Every workflow is still known to the server after the restart.
    const connection = await Connection.connect({ address: server.address });
    try {
      const client = new Client({ connection, dataConverter: testDataConverter() });
      for (const s of [...systems, timed]) {
        const described = await client.workflow.getHandle(aiSystemWorkflowId(s.id)).describe();
        expect({ id: s.id, status: described.status.name }).toEqual({ id: s.id, status: 'RUNNING' });
        const round = await client.workflow.getHandle(approvalWorkflowId(s.id, 1)).describe();
        expect(round.status.name).toBe('RUNNING');
      }
    } finally {
      await connection.close();
    }

    for (const t of tasks) {
      const r = await apiRetrying(h, 'POST', `/api/v1/tasks/${t.id}/decision`, { token: gov.token, body: { decision: 'approve' } });
      expect(r.status).toBe(200);
    }
    for (const s of systems) {
      const t = await openTask(s.id, manager);
      const r = await apiRetrying(h, 'POST', `/api/v1/tasks/${t.id}/decision`, { token: manager.token, body: { decision: 'approve' } });
      expect(r.body.system?.stage).toBe('deployment');
    }

    // The timed round's timers, armed before the restart, still ran: it expired back to design.
    await waitUntil(async () => ((await h.api('GET', timed.path, { token: owner.token })).body.stage === 'design' ? true : undefined), 60_000, 'expiry');
    const timedTasks: Array<{ status: string; reminded_at: Date | null; escalated_at: Date | null }> = await h.dataSource.query(
      `SELECT status, reminded_at, escalated_at FROM tasks WHERE ai_system_id = $1 ORDER BY created_at`,
      [timed.id],
    );
    expect(timedTasks[0]).toMatchObject({ status: 'expired' });
    expect(timedTasks[0].reminded_at).not.toBeNull();
    expect(timedTasks[0].escalated_at).not.toBeNull();

    await assertPromptsAndDecisionsOnce(h, systems.map((s) => s.id));
    await assertAuditTrailIntact(h, auditor);
  });
});
