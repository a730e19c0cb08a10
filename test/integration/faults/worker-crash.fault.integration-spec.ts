import { join } from 'node:path';
import { assertAuditTrailIntact, assertPromptsAndDecisionsOnce, apiRetrying } from '../../support/fault-checks';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

const SYSTEMS = 8;

/**
 * The worker process is SIGKILLed twice while approval rounds are in flight (once while the
 * prompts go out, once while decisions arrive) and restarted, as a supervisor would. Every
 * round must complete, with one prompt and one decision per task.
 */
describe('fault: worker killed in the middle of approval rounds', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml'), worker: 'process' });
  });
  afterAll(async () => h?.stop());

  async function restartAfterKill(): Promise<void> {
    const worker = h.workerProcess!;
    worker.kill();
    await worker.exited();
    await worker.start();
  }

  const openTask = (systemId: string, user: HarnessUser) => openTaskOf(h, systemId, user, { timeoutMs: 120_000 });

  /** Approvers act on the email: a task is decided once its prompt has been delivered. */
  const prompted = (taskId: string) =>
    waitUntil(
      async () => (await h.dataSource.query(`SELECT 1 FROM email_outbox WHERE task_id = $1 AND status = 'sent'`, [taskId]))[0],
      120_000,
      `the prompt for task ${taskId}`,
    );

  it('completes every round with exactly one prompt and one decision per task', async () => {
    const stamp = `W${Date.now()}`;
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const govs = [await h.createUser(['governance_office']), await h.createUser(['governance_office'])];
    const auditor = await h.createUser(['auditor']);

    const registering = Promise.all(
      Array.from({ length: SYSTEMS }, (_, i) => registerForApproval(h, owner, 'limited', { name: `${stamp} system ${i}` })),
    );
    // Kill while the first prompts are on their way out.
    await h.mail.waitFor((m) => m.subject.includes(stamp), 60_000);
    await restartAfterKill();
    const systems = await registering;

    // Governance step: decisions race a second crash.
    const tasks = await Promise.all(systems.map((s) => openTask(s.id, govs[0])));
    await Promise.all(tasks.map((t) => prompted(t.id)));
    const deciding = Promise.all(
      tasks.map((t) => apiRetrying(h, 'POST', `/api/v1/tasks/${t.id}/decision`, { token: govs[0].token, body: { decision: 'approve' } }, 120_000)),
    );
    // Kill as soon as the first decision is recorded, while the others are still in flight.
    const firstDecision = async () =>
      (await h.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1::uuid[]) AND status = 'decided'`, [tasks.map((t) => t.id)]))[0].n;
    while ((await firstDecision()) === 0) await new Promise((r) => setTimeout(r, 10));
    await restartAfterKill();
    const decided = await deciding;
    // A decision whose answer was lost in the crash may be retried and then find it applied (409).
    for (const r of decided) expect([200, 409]).toContain(r.status);

    // Business step: the owner's manager approves every system.
    const managerTasks = await Promise.all(systems.map((s) => openTask(s.id, manager)));
    await Promise.all(managerTasks.map((t) => prompted(t.id)));
    for (const t of managerTasks) {
      const r = await apiRetrying(h, 'POST', `/api/v1/tasks/${t.id}/decision`, { token: manager.token, body: { decision: 'approve' } });
      expect(r.status).toBe(200);
    }

    for (const s of systems) {
      const stage = await waitUntil(async () => {
        const r = await h.api('GET', s.path, { token: owner.token });
        return r.body.stage === 'deployment' ? r.body.stage : undefined;
      }, 60_000, `${s.name} in deployment`);
      expect(stage).toBe('deployment');
    }
    const check = await assertPromptsAndDecisionsOnce(h, systems.map((s) => s.id));
    // 2 governance officers and 1 manager per system.
    expect(check.tasks).toBe(SYSTEMS * 3);
    await assertAuditTrailIntact(h, auditor);
  });
});
