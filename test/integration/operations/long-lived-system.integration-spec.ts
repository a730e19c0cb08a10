import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, reviewChecklist } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { testDataConverter } from '../../support/temporal-data-converter';

const CYCLES = 50;

/**
 * Fifty review cycles of one AI system over HTTP, on real Temporal and PostgreSQL: every
 * decision is a review-cycle boundary at which the lifecycle continues as new, so no run's
 * history grows with the system's age, while the read model and audit trail keep every cycle.
 */
describe('a long-lived AI system', () => {
  let h: Harness;
  let connection: Connection;
  let client: Client;
  let gov: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml') });
    gov = await h.createUser(['governance_office']);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    await connection?.close();
    await h?.stop();
  });

  it(`keeps every run's history bounded over ${CYCLES} review cycles while the read model and audit trail keep them all`, async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await registerForApproval(h, owner, 'minimal', { name: 'Long-lived system' });
    const approval = await openTaskOf(h, system.id, gov);
    await h.api('POST', `/api/v1/tasks/${approval.id}/decision`, { token: gov.token, body: { decision: 'approve' } });
    await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } });

    const workflowId = `ai-system:${system.id}`;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      // The 2-second cadence opens reviews too; a high event opens one at once (policy: review).
      // Whichever comes first opens the cycle's review; the other is recorded or waits.
      await h.api('POST', `${system.path}/monitoring-events`, { token: owner.token, body: { kind: 'performance', severity: 'high', metric: 'recall', description: `cycle ${cycle}` } });
      const review = await openTaskOf(h, system.id, owner);
      const decided = await h.api('POST', `/api/v1/tasks/${review.id}/decision`, {
        token: owner.token,
        body: { decision: 'continue', comment: `cycle ${cycle}`, checklist: reviewChecklist() },
      });
      expect(decided.status).toBe(200);
    }

    // Every run of the workflow, closed ones (continued as new) and the current one. Visibility
    // is written after the fact (on Temporal's server on PostgreSQL, by the history service's
    // visibility queue), so the list may trail the last continue-as-new by a moment.
    const listRuns = async () => {
      const found: number[] = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) found.push(run.historyLength);
      return found.length > CYCLES ? found : undefined;
    };
    const lengths = await waitUntil(listRuns, 30_000, `more than ${CYCLES} runs of ${workflowId} in visibility`);
    expect(lengths.length).toBeGreaterThan(CYCLES);
    const longestRun = Math.max(...lengths);
    if (process.env.SHOW_FIGURES) console.log(`runs ${lengths.length}, events per run: longest ${longestRun}, total ${lengths.reduce((a, b) => a + b, 0)}`);
    // A run holds one cycle (a review, its decision, the hand-over), not the system's whole past.
    expect(longestRun).toBeLessThan(150);

    const [counts] = await h.dataSource.query(
      `SELECT (SELECT count(*) FROM tasks WHERE ai_system_id = $1 AND kind = 'review' AND status = 'decided')::int AS reviews,
              (SELECT count(*) FROM stage_transitions WHERE ai_system_id = $1 AND action = 'review_continue')::int AS continued`,
      [system.id],
    );
    expect(counts).toEqual({ reviews: CYCLES, continued: CYCLES });
    const verify = await h.api('GET', '/api/v1/audit/verify', { token: gov.token });
    expect(verify.body.ok).toBe(true);
  });
});
