import type { Harness, HarnessUser } from './governance-harness';
import { openTaskOf, registerForApproval } from './governance-flows';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
export const MODEL = { name: 'screening-model', version: '1.0.0', checksum: sha('a') };
export const DATASET = { name: 'applications-2025', version: '3', checksum: sha('b') };

/**
 * A high-risk system taken to operation as people do it (policy test/fixtures/policies/
 * operations-policy.yaml: one risk-officer approval step): registered and assessed by `owner`,
 * approved by `riskOfficer`, deployed as 1.0.0 with its model and dataset.
 */
export async function operatingHighRisk(h: Harness, owner: HarnessUser, riskOfficer: HarnessUser, name?: string): Promise<{ id: string; path: string; name: string }> {
  const system = await registerForApproval(h, owner, 'high', { name });
  const task = await openTaskOf(h, system.id, riskOfficer);
  const approved = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: riskOfficer.token, body: { decision: 'approve' } });
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  const deployed = await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production', model: MODEL, datasets: [DATASET] } });
  if (deployed.status !== 201 || deployed.body.stage !== 'operation') throw new Error(`deployment failed: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  return system;
}

/** A two-metric plan: recall (a floor) and p99 latency (a ceiling). */
export function examplePlan(responsibleId: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    responsibleId,
    feedback: 'A breach opens an incident review or a corrective action; two breaches in a row propose a material change; results go to the monthly risk review.',
    metrics: [
      {
        key: 'recall',
        name: 'Recall on confirmed cases',
        measures: 'Share of confirmed cases the model flagged',
        threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' },
        dataSource: 'weekly evaluation job',
        cadence: 'P1W',
        onBreach: 'corrective_action',
      },
      {
        key: 'latency_p99',
        name: 'p99 latency',
        measures: 'Slowest 1% of scoring calls',
        threshold: { value: 250, direction: 'at_most', unit: 'ms' },
        dataSource: 'Prometheus histogram scoring_seconds',
        cadence: 'PT1H',
        onBreach: 'incident',
      },
    ],
    ...change,
  };
}

/**
 * Row counts once the background work of earlier steps (task prompts, approval notices, each
 * written by an activity after the request that caused it answered) has stopped changing them:
 * the baseline of a "writes nothing" check.
 */
export async function settledRowCounts(h: Harness): Promise<Record<string, number>> {
  let previous = await h.rowCounts();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await h.rowCounts();
    if (JSON.stringify(now) === JSON.stringify(previous)) return now;
    previous = now;
  }
  throw new Error('row counts kept changing for 20 s');
}
