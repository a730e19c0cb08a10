import { join } from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, reviewChecklist } from '../../support/governance-flows';
import { examplePlan, operatingHighRisk, settledRowCounts } from '../../support/monitoring-plan-flows';
import { waitUntil } from '../../support/wait-until';
import { saveServerRunsForReplay } from '../../workflows/history-recorder';

/**
 * Post-market monitoring plans (EU AI Act Art. 72) on real PostgreSQL, Temporal and the worker:
 * a high-risk system without a plan is a gap (its deployment is still recorded); the plan is
 * written and versioned by the owner and the governance office, audited, refused with the field
 * when it is wrong (writing nothing); and a periodic review records every metric of the plan,
 * with the monitoring events since the last review beside each, a breach asking for an action.
 */
describe('post-market monitoring plans', () => {
  let h: Harness;
  let gov: HarnessUser;
  let riskOfficer: HarnessUser;
  let auditor: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml') });
    [gov, riskOfficer, auditor] = await Promise.all([h.createUser(['governance_office']), h.createUser(['risk_officer']), h.createUser(['auditor'])]);
  });
  afterAll(async () => h?.stop());

  const call = (method: string, path: string, by: HarnessUser, body?: unknown) => h.api(method, path, { token: by.token, body });
  const refused = (r: { status: number; body: { field?: string } }) => ({ status: r.status, field: r.body.field });
  const auditTypes = async (stream: string): Promise<Array<{ event_type: string; payload: Record<string, unknown>; actor_label: string }>> =>
    h.dataSource.query('SELECT event_type, payload, actor_label FROM audit_events WHERE stream_id = $1 ORDER BY seq', [stream]);

  it('flags a high-risk system without a plan as missing, without holding back its deployment', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operatingHighRisk(h, owner, riskOfficer);
    // the deployment was recorded although there is no plan: the gap is shown, not enforced
    expect((await call('GET', system.path, owner)).body).toMatchObject({ stage: 'operation', riskTier: 'high', currentVersion: '1.0.0' });
    expect((await call('GET', `${system.path}/monitoring-plan`, owner)).body).toEqual({
      aiSystemId: system.id,
      riskTier: 'high',
      required: true,
      status: 'missing',
      plan: null,
      canEdit: true,
    });
    const gaps = await call('GET', '/api/v1/monitoring-plans/gaps', gov);
    expect(gaps.body).toContainEqual({ aiSystemId: system.id, name: system.name, stage: 'operation', owner: { id: owner.user.id, name: owner.user.name, email: owner.user.email } });
    expect((await call('GET', '/api/v1/monitoring-plans/gaps', owner)).status).toBe(403);

    await call('PUT', `${system.path}/monitoring-plan`, owner, examplePlan(owner.user.id));
    expect((await call('GET', '/api/v1/monitoring-plans/gaps', gov)).body.map((g: { aiSystemId: string }) => g.aiSystemId)).not.toContain(system.id);
  });

  it('refuses a wrong plan with the field and the reason, and writes nothing', async () => {
    const owner = await h.createUser(['product_owner']);
    const stranger = await h.createUser(['product_owner']);
    const system = await operatingHighRisk(h, owner, riskOfficer);
    const url = `${system.path}/monitoring-plan`;
    const plan = examplePlan(owner.user.id) as { metrics: Array<Record<string, unknown>> };
    const withMetric = (change: Record<string, unknown>) => ({ ...plan, metrics: [{ ...plan.metrics[0], ...change }, plan.metrics[1]] });
    const inactive = await h.createUser(['product_owner']);
    await call('PATCH', `/api/v1/users/${inactive.user.id}`, h.admin, { active: false });

    const before = await settledRowCounts(h);
    const cases: Array<[unknown, HarnessUser, { status: number; field?: string }]> = [
      [withMetric({ threshold: { value: '0.85', direction: 'at_least', unit: 'ratio' } }), owner, { status: 400, field: 'metrics.0.threshold.value' }],
      [withMetric({ threshold: { value: 0.85, direction: 'above', unit: 'ratio' } }), owner, { status: 400, field: 'metrics.0.threshold.direction' }],
      [withMetric({ cadence: 'weekly' }), owner, { status: 400, field: 'metrics.0.cadence' }],
      [withMetric({ cadence: 'PT10S' }), owner, { status: 400, field: 'metrics.0.cadence' }],
      [withMetric({ key: 'latency_p99' }), owner, { status: 400, field: 'metrics.1.key' }],
      [withMetric({ key: 'Recall Rate' }), owner, { status: 400, field: 'metrics.0.key' }],
      [withMetric({ onBreach: 'ignore' }), owner, { status: 400, field: 'metrics.0.onBreach' }],
      [withMetric({ colour: 'red' }), owner, { status: 400, field: 'metrics.0.colour' }],
      [{ ...plan, metrics: [] }, owner, { status: 400, field: 'metrics' }],
      [{ ...plan, feedback: '' }, owner, { status: 400, field: 'feedback' }],
      [{ ...plan, responsibleId: '00000000-0000-4000-8000-000000000000' }, owner, { status: 400, field: 'responsibleId' }],
      [{ ...plan, responsibleId: inactive.user.id }, owner, { status: 400, field: 'responsibleId' }],
      [{ ...plan, expectedVersion: 3 }, owner, { status: 409, field: 'expectedVersion' }],
      [plan, stranger, { status: 403, field: undefined }],
      [plan, auditor, { status: 403, field: undefined }],
    ];
    for (const [body, by, expected] of cases) {
      const answer = await call('PUT', url, by, body);
      expect({ body, ...refused(answer) }).toEqual({ body, ...expected });
      expect(typeof answer.body.message).toBe('string');
    }
    expect(refused(await call('PUT', '/api/v1/ai-systems/00000000-0000-4000-8000-0000000000aa/monitoring-plan', owner, plan))).toEqual({ status: 404, field: 'id' });
    expect(await h.rowCounts()).toEqual(before);
  });

  it('versions the plan: every save is a new version, audited with its hash; a stale edit is a conflict', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operatingHighRisk(h, owner, riskOfficer);
    const url = `${system.path}/monitoring-plan`;

    const first = await call('PUT', url, owner, { ...examplePlan(owner.user.id), expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 1,
      responsible: { id: owner.user.id },
      createdBy: { id: owner.user.id },
      changeNote: null,
      metrics: [{ key: 'recall', thresholdText: 'at least 0.85 ratio', cadence: 'P1W' }, { key: 'latency_p99', thresholdText: 'at most 250 ms' }],
    });
    const plan = examplePlan(gov.user.id) as { metrics: Array<Record<string, unknown>> };
    const revised = await call('PUT', url, gov, { ...plan, metrics: [{ ...plan.metrics[0], threshold: { value: 0.9, direction: 'at_least', unit: 'ratio' } }], changeNote: 'tighter floor; latency moved to the platform plan', expectedVersion: 1 });
    expect(revised.body).toMatchObject({ version: 2, responsible: { id: gov.user.id }, createdBy: { id: gov.user.id }, changeNote: 'tighter floor; latency moved to the platform plan' });
    // the owner's form still showed version 1: their save is refused, not written over version 2
    const stale = await call('PUT', url, owner, { ...examplePlan(owner.user.id), expectedVersion: 1 });
    expect(refused(stale)).toEqual({ status: 409, field: 'expectedVersion' });

    const versions = await call('GET', `${url}/versions`, auditor);
    expect(versions.body.versions.map((v: { version: number; metrics: unknown[] }) => [v.version, v.metrics.length])).toEqual([[2, 1], [1, 2]]);
    const status = await call('GET', url, auditor);
    expect(status.body).toMatchObject({ status: 'present', canEdit: false, plan: { version: 2 } });

    const audit = await auditTypes(`monitoring-plan:${system.id}`);
    expect(audit.map((e) => [e.event_type, e.payload.version, e.actor_label])).toEqual([
      ['monitoring_plan.adopted', 1, owner.user.email],
      ['monitoring_plan.revised', 2, gov.user.email],
    ]);
    expect(audit[1]!.payload).toMatchObject({ metrics: ['recall'], changeNote: 'tighter floor; latency moved to the platform plan', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await call('GET', '/api/v1/audit/verify', gov)).body).toMatchObject({ ok: true });
  });

  it('has the periodic review record every metric of the plan, with the events since the last review beside it; a breach needs an action', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operatingHighRisk(h, owner, riskOfficer);
    await call('PUT', `${system.path}/monitoring-plan`, owner, examplePlan(owner.user.id));

    // A medium performance event on recall opens a review at once (the high tier's policy).
    const dip = await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'performance', severity: 'medium', metric: 'recall', observedValue: 0.81, threshold: 0.85, source: 'eval job' });
    expect(dip.body).toMatchObject({ reviewStarted: true, stage: 'periodic_review' });
    const other = await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'drift', severity: 'low', metric: 'psi_income', observedValue: 0.12 });
    expect(other.status).toBe(201);
    const task = await openTaskOf(h, system.id, owner);

    const sheet = await call('GET', `${system.path}/monitoring-plan/review-sheet`, owner);
    expect(sheet.body).toMatchObject({ checksRequired: true, planMissing: false, planVersion: 1, since: null, followUpOptions: [] });
    expect(sheet.body.metrics.map((m: { key: string; events: Array<{ id: string }>; latestObservedValue: number | null }) => [m.key, m.events.map((e) => e.id), m.latestObservedValue])).toEqual([
      ['recall', [dip.body.eventId], 0.81],
      ['latency_p99', [], null],
    ]);
    expect(sheet.body.otherEvents.map((e: { id: string }) => e.id)).toEqual([other.body.eventId]);

    const decide = (body: Record<string, unknown>) => call('POST', `/api/v1/tasks/${task.id}/decision`, owner, { checklist: reviewChecklist(), ...body });
    const checks = (metrics: Record<string, unknown>, planVersion = 1) => ({
      planVersion,
      metrics: { recall: { observedValue: 0.9, withinThreshold: true }, latency_p99: { observedValue: 180, withinThreshold: true }, ...metrics },
    });
    const breach = { observedValue: 0.81, withinThreshold: false, note: 'recall fell after the September data refresh' };
    const before = await settledRowCounts(h);
    const cases: Array<[Record<string, unknown>, { status: number; field: string }]> = [
      [{ decision: 'continue' }, { status: 400, field: 'monitoringChecks' }],
      [{ decision: 'continue', monitoringChecks: { planVersion: 1, metrics: { recall: { observedValue: 0.9, withinThreshold: true } } } }, { status: 400, field: 'monitoringChecks.metrics.latency_p99' }],
      [{ decision: 'continue', monitoringChecks: checks({ recall: { observedValue: 'high', withinThreshold: true } }) }, { status: 400, field: 'monitoringChecks.metrics.recall.observedValue' }],
      [{ decision: 'continue', monitoringChecks: checks({ recall: { observedValue: 0.81, withinThreshold: true } }) }, { status: 400, field: 'monitoringChecks.metrics.recall.withinThreshold' }],
      [{ decision: 'remediate', comment: 'x', correctiveAction: { title: 't', description: 'd' }, monitoringChecks: checks({ recall: { observedValue: 0.81, withinThreshold: false } }) }, { status: 400, field: 'monitoringChecks.metrics.recall.note' }],
      [{ decision: 'continue', monitoringChecks: checks({ recall: breach }) }, { status: 400, field: 'monitoringChecks.metrics.recall.followUp' }],
      [
        { decision: 'continue', monitoringChecks: checks({ recall: { ...breach, followUp: { kind: 'incident', id: other.body.eventId } } }) },
        { status: 400, field: 'monitoringChecks.metrics.recall.followUp.id' },
      ],
      [{ decision: 'continue', monitoringChecks: checks({ auc: { observedValue: 1, withinThreshold: true } }) }, { status: 400, field: 'monitoringChecks.metrics.auc' }],
      [{ decision: 'continue', monitoringChecks: checks({}, 7) }, { status: 409, field: 'monitoringChecks.planVersion' }],
    ];
    for (const [body, expected] of cases) expect({ body, ...refused(await decide(body)) }).toEqual({ body, ...expected });
    expect(await h.rowCounts()).toEqual(before);

    // The incident path is the usual one: an incident event; the review continues naming it.
    const incident = await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'incident', severity: 'low', metric: 'recall', description: 'missed cases reported by the fraud desk' });
    expect(incident.status).toBe(201);
    const sheetAfter = await call('GET', `${system.path}/monitoring-plan/review-sheet`, owner);
    expect(sheetAfter.body.followUpOptions).toEqual([{ kind: 'incident', id: incident.body.eventId, label: expect.stringMatching(/^Incident \(low, recall\) reported /) }]);
    const continued = await decide({ decision: 'continue', comment: 'known dip, incident open', monitoringChecks: checks({ recall: { ...breach, followUp: { kind: 'incident', id: incident.body.eventId } } }) });
    expect(continued.status).toBe(200);
    expect(continued.body.task.monitoringChecks).toEqual({
      planVersion: 1,
      results: [
        {
          key: 'recall',
          name: 'Recall on confirmed cases',
          threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' },
          observedValue: 0.81,
          withinThreshold: false,
          note: 'recall fell after the September data refresh',
          followUp: { kind: 'incident', id: incident.body.eventId },
        },
        { key: 'latency_p99', name: 'p99 latency', threshold: { value: 250, direction: 'at_most', unit: 'ms' }, observedValue: 180, withinThreshold: true, note: null, followUp: null },
      ],
    });
    const decided = (await auditTypes(`ai-system:${system.id}`)).filter((e) => e.event_type === 'review.decided');
    expect(decided.at(-1)!.payload).toMatchObject({ decision: 'continue', monitoringPlanVersion: 1, monitoringBreaches: ['recall'] });
    // with RECORD_HISTORIES=1: the lifecycle run whose review carried plan checks (its decideReview Update), for the replay test
    await saveServerRunsForReplay(`ai-system:${system.id}`, 'review-with-monitoring-checks-run', '"decideReview"');

    // Next review: the plan changes while it is open; the old version's checks are a conflict. A
    // remediation is an action in itself: the breach needs only its note, and a corrective action opens.
    await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'performance', severity: 'medium', metric: 'latency_p99', observedValue: 410, threshold: 250 });
    const second = await waitUntil(async () => {
      const t = await openTaskOf(h, system.id, owner);
      return t.id !== task.id ? t : undefined;
    }, 30_000, 'the second review');
    const secondSheet = await call('GET', `${system.path}/monitoring-plan/review-sheet`, owner);
    expect(secondSheet.body.since).not.toBeNull();
    expect(secondSheet.body.metrics.map((m: { events: unknown[] }) => m.events.length)).toEqual([0, 1]);
    await call('PUT', `${system.path}/monitoring-plan`, gov, { ...examplePlan(owner.user.id), changeNote: 'data source renamed' });
    const decideSecond = (body: Record<string, unknown>) => call('POST', `/api/v1/tasks/${second.id}/decision`, owner, { checklist: reviewChecklist(), ...body });
    const latency = { observedValue: 410, withinThreshold: false, note: 'the new feature store is slow' };
    const remediation = { decision: 'remediate', comment: 'latency over budget', correctiveAction: { title: 'Cache feature lookups', description: 'Bring p99 latency under 250 ms' } };
    expect(refused(await decideSecond({ ...remediation, monitoringChecks: checks({ latency_p99: latency }, 1) }))).toEqual({ status: 409, field: 'monitoringChecks.planVersion' });
    const remediated = await decideSecond({ ...remediation, monitoringChecks: checks({ latency_p99: latency }, 2) });
    expect(remediated.status).toBe(200);
    expect(remediated.body.system.stage).toBe('operation');
    expect(remediated.body.task.monitoringChecks).toMatchObject({ planVersion: 2, results: [{ withinThreshold: true }, { key: 'latency_p99', withinThreshold: false, followUp: null }] });
    await waitUntil(async () => (await h.dataSource.query(`SELECT id FROM pdca_items WHERE source_id = $1 AND kind = 'corrective_action'`, [second.id]))[0], 15_000, 'the corrective action');
  });

  it('keeps reviews of systems without a plan as they were', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operatingHighRisk(h, owner, riskOfficer);
    await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'bias', severity: 'medium', metric: 'disparate impact', observedValue: 0.7, threshold: 0.8 });
    const task = await openTaskOf(h, system.id, owner);
    expect((await call('GET', `${system.path}/monitoring-plan/review-sheet`, owner)).body).toMatchObject({ checksRequired: false, planMissing: true, planVersion: null, metrics: [] });
    const stray = await call('POST', `/api/v1/tasks/${task.id}/decision`, owner, { decision: 'continue', checklist: reviewChecklist(), monitoringChecks: { planVersion: 1, metrics: {} } });
    expect(refused(stray)).toEqual({ status: 400, field: 'monitoringChecks' });
    const decided = await call('POST', `/api/v1/tasks/${task.id}/decision`, owner, { decision: 'continue', checklist: reviewChecklist() });
    expect(decided.status).toBe(200);
    expect(decided.body.task.monitoringChecks).toBeNull();
  });
});
