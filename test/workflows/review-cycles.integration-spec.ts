import { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  awaitApprovalSettledUpdate,
  decideApprovalUpdate,
  decideReviewUpdate,
  recordDeploymentUpdate,
  recordMonitoringEventUpdate,
  submitForAssessmentUpdate,
  submitImpactAssessmentUpdate,
  syncUpdate,
} from '@aigov/workflows/lifecycle.definitions';
import type { Actor } from '@aigov/workflows/lifecycle.types';
import { pdcaItemStateQuery } from '@aigov/workflows/pdca.definitions';
import { answersFor } from '../support/assessment-answers';
import { reviewChecklist } from '../support/governance-flows';
import { waitUntil } from '../support/wait-until';
import { DirectoryUser } from './in-memory-activities';
import { WORKFLOW_TEST_POLICY } from './test-policy';
import { createWorkflowTestEnv, eventually, viewOf, WorkflowTestEnv } from './workflow-test-env';

const user = (name: string, roles: string[]): DirectoryUser => ({ id: randomUUID(), email: `${name}@example.test`, name, roles });
const owner = user('owner', ['product_owner']);
const governance = user('gov', ['governance_office']);
const actor = (u: DirectoryUser): Actor => ({ userId: u.id, label: u.email });
const CYCLES = 50;
/** the first reviews fall due by their timer; the rest are opened at once by a critical event */
const TIMER_CYCLES = 5;

describe('periodic review cycles of a long-lived AI system', () => {
  let env: WorkflowTestEnv;

  // Reviews fall due 10 ms after each decision (the dev server fires such timers about a second
  // late); after the first few cycles a critical monitoring event opens each review at once.
  beforeAll(async () => {
    env = await createWorkflowTestEnv(WORKFLOW_TEST_POLICY, [owner, governance], { reviewDelayMs: 10 });
  });
  afterAll(async () => env?.close());

  async function inOperation(): Promise<WorkflowHandle> {
    const handle = await env.startLifecycle(owner.id);
    await handle.executeUpdate(submitForAssessmentUpdate, { args: [actor(owner)] });
    await handle.executeUpdate(submitImpactAssessmentUpdate, { args: [{ actor: actor(owner), templateVersion: 'test', answers: answersFor('minimal') }] });
    const systemId = handle.workflowId.slice('ai-system:'.length);
    const task = await eventually(async () => env.acts.tasksFor(systemId).find((t) => t.status === 'open'), (t) => !!t);
    await env.client.workflow
      .getHandle(`approval:${systemId}:1`)
      .executeUpdate(decideApprovalUpdate, { args: [{ actor: actor(governance), taskId: task!.id, decision: 'approve', comment: 'ok' }] });
    await handle.executeUpdate(awaitApprovalSettledUpdate, { args: [1] });
    await handle.executeUpdate(recordDeploymentUpdate, { args: [{ actor: actor(owner), version: '1.0.0', environment: 'production', configuration: {} }] });
    return handle;
  }

  /** The live view; null while a query meets the moment a run hands over to the next. */
  const currentView = (handle: WorkflowHandle) => viewOf(handle).catch(() => null);

  const openReview = async (handle: WorkflowHandle, cycle: number) =>
    (await eventually(() => currentView(handle), (v) => v?.stage === 'periodic_review' && !!v.openReviewTaskId && v.reviewCycle === cycle, 20_000))!;

  it(`keeps each run's history bounded over ${CYCLES} review cycles by continuing as new at every cycle boundary`, () =>
    env.run(async () => {
      const handle = await inOperation();
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        if (cycle >= TIMER_CYCLES) {
          // Whichever comes first, this event or the timer, opens the cycle's review.
          await handle.executeUpdate(recordMonitoringEventUpdate, {
            args: [{ actor: actor(owner), kind: 'incident', severity: 'critical', metric: null, observedValue: null, threshold: null, source: 'test', description: `cycle ${cycle + 1}` }],
          });
        }
        const view = await openReview(handle, cycle);
        await handle.executeUpdate(decideReviewUpdate, {
          args: [{ actor: actor(owner), taskId: view.openReviewTaskId!, decision: 'continue', comment: `cycle ${cycle + 1}`, checklist: reviewChecklist() as never, evidence: [] }],
        });
      }
      // An Update reaches the run that follows the last continue-as-new (a query may wait for it).
      const final = await handle.executeUpdate(syncUpdate);
      expect(final).toMatchObject({ reviewCycle: CYCLES, currentVersion: '1.0.0' });
      // One run per cycle (plus the first), and none grows with the number of cycles before it.
      // Visibility is written after the fact, so the list may trail the last continue-as-new by
      // a moment (seen in CI once the database steps became local activities and runs ended sooner).
      const listRuns = async () => {
        const found: number[] = [];
        for await (const run of env.client.workflow.list({ query: `WorkflowId = "${handle.workflowId}"` })) found.push(run.historyLength);
        return found.length > CYCLES ? found : undefined;
      };
      const lengths = await waitUntil(listRuns, 30_000, `more than ${CYCLES} runs of ${handle.workflowId} in visibility`);
      expect(lengths.length).toBeGreaterThan(CYCLES);
      const [firstRun, ...cycleRuns] = lengths.reverse(); // newest first from the list
      expect(Math.max(...cycleRuns)).toBeLessThan(100);
      expect(firstRun).toBeLessThan(200); // registration, approval round and deployment, then cycle 1
      const systemId = handle.workflowId.slice('ai-system:'.length);
      const changes = env.acts.changesFor(systemId);
      expect(changes.filter((c) => c.transition?.action === 'review_continue')).toHaveLength(CYCLES);
      expect(changes.filter((c) => c.transition?.action === 'review_due').length).toBeGreaterThanOrEqual(TIMER_CYCLES);
      // Sequence numbers carried across runs stay contiguous: nothing lost or repeated.
      expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
    }));

  it('remediates: the system keeps running and a corrective action starts as its own PDCA workflow', () =>
    env.run(async () => {
      const handle = await inOperation();
      const review = await openReview(handle, 0);
      await handle.executeUpdate(decideReviewUpdate, {
        args: [
          {
            actor: actor(owner),
            taskId: review.openReviewTaskId!,
            decision: 'remediate',
            comment: 'drift above tolerance',
            checklist: reviewChecklist({ drift: { result: 'concern', note: 'PSI 0.3' } }) as never,
            evidence: [{ label: 'drift dashboard', uri: 'https://monitor.example.test/drift' }],
            correctiveAction: { title: 'Retrain', description: 'Retrain on recent data', ownerId: owner.id, dueAt: null },
          },
        ],
      });
      const after = await viewOf(handle);
      expect(after.stage).toBe('operation');
      const systemId = handle.workflowId.slice('ai-system:'.length);
      const opened = env.acts.changesFor(systemId).flatMap((c) => c.audit).find((a) => a.eventType === 'corrective_action.opened');
      expect(opened).toBeDefined();
      const itemId = opened!.payload.pdcaItemId as string;
      const item = await eventually(() => env.client.workflow.getHandle(`pdca-item:${itemId}`).query(pdcaItemStateQuery), (v) => v.persistedSeq >= 1);
      expect(item).toMatchObject({ phase: 'plan', ownerId: owner.id });
      const first = env.acts.pdcaChanges.find((c) => c.itemId === itemId && c.open);
      expect(first?.open).toMatchObject({ kind: 'corrective_action', source: { type: 'review', id: review.openReviewTaskId }, aiSystemId: systemId });
    }));
});
