import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { linkIn, openTaskOf, registerForApproval, reviewChecklist } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay, saveServerRunsForReplay } from '../../workflows/history-recorder';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const modelA = { name: 'triage', version: '1.0', checksum: sha('a') };
const modelB = { name: 'triage', version: '2.0', checksum: sha('b') };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * Operating AI systems on real Temporal, PostgreSQL and an SMTP capture, with a policy whose
 * timers run in seconds: periodic reviews with checklists and evidence, remediation through a
 * corrective action, overdue reviews and PDCA items, material changes, and monitoring
 * thresholds that roll a system back by themselves.
 */
describe('operating AI systems', () => {
  let h: Harness;
  let gov: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml') });
    gov = await h.createUser(['governance_office']);
  });
  afterAll(async () => h?.stop());

  const post = (path: string, by: HarnessUser, body: unknown = {}) => h.api('POST', path, { token: by.token, body });
  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });

  /** A system approved by the governance office and deployed as 1.0.0 with model A. */
  async function operating(tier: 'minimal' | 'limited', owner: HarnessUser) {
    const system = await registerForApproval(h, owner, tier, { name: `Ops ${tier} ${Math.random().toString(36).slice(2, 7)}` });
    const task = await openTaskOf(h, system.id, gov);
    expect((await post(`/api/v1/tasks/${task.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    const deployed = await post(`${system.path}/deployments`, owner, { version: '1.0.0', environment: 'production', model: modelA });
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    return system;
  }

  const auditTypes = async (stream: string): Promise<string[]> =>
    (await h.dataSource.query('SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq', [stream])).map((r: { event_type: string }) => r.event_type);

  /**
   * A minimal-tier system opens a review every 2 s and reminds about it 3 s later: left running,
   * it writes into later tests' "writes nothing" windows. Retired, its timers stop.
   */
  async function retire(path: string, owner: HarnessUser) {
    const retired = await post(`${path}/retirement`, owner, {
      reason: 'the test is over',
      completedItems: ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed', 'dependent_systems_updated'],
    });
    expect(retired.body.stage).toBe('retired');
  }

  /**
   * Row counts beside what an open review's own timers write on their schedule: its overdue
   * reminder (a mail and action links for the task) and escalation (a notice to the governance
   * office), each with an audit event. The review falls due 3 s after it opens, so on a slow
   * machine those land inside a bad-input window (seen in a clean-clone CI run).
   */
  const countsBesideReviewNudges = (taskId: string): Promise<Record<string, number>> =>
    h.rowCountsBeside(
      `SELECT (SELECT count(*)::int FROM email_outbox WHERE task_id = $1 OR idempotency_key LIKE 'notify:review-escalation:' || $1 || ':%') AS email_outbox,
              (SELECT count(*)::int FROM action_tokens WHERE task_id = $1) AS action_tokens,
              (SELECT count(*)::int FROM audit_events WHERE event_type IN ('review.overdue_reminded', 'review.escalated')) AS audit_events`,
      [taskId],
    );

  it('runs two review cycles: continue with evidence, then remediate through a corrective action that is planned, done, checked and closed', async () => {
    const owner = await h.createUser(['product_owner']);
    const engineer = await h.createUser(['product_owner', 'risk_officer']);
    const { id, path } = await operating('minimal', owner);

    // Cycle 1: the review opens on the 2-second cadence; the checklist is required and honest.
    const first = await openTaskOf(h, id, owner);
    const before = await countsBesideReviewNudges(first.id);
    const decide = (task: string, body: Record<string, unknown>) => post(`/api/v1/tasks/${task}/decision`, owner, body);
    expect((await decide(first.id, { decision: 'continue' })).body.field).toBe('checklist');
    const failed = await decide(first.id, { decision: 'continue', checklist: reviewChecklist({ drift: { result: 'fail', note: 'PSI 0.4' } }) });
    expect({ status: failed.status, field: failed.body.field }).toEqual({ status: 400, field: 'checklist.drift' });
    const unanswered = await decide(first.id, { decision: 'continue', checklist: { performance: { result: 'pass' } } });
    expect({ status: unanswered.status, field: unanswered.body.field }).toEqual({ status: 400, field: 'checklist.drift' });
    expect(await countsBesideReviewNudges(first.id)).toEqual(before);

    const evidence = [{ label: 'Q3 performance report', uri: 'https://reports.example.test/q3' }];
    const continued = await decide(first.id, { decision: 'continue', comment: 'within bounds', checklist: reviewChecklist(), evidence });
    expect(continued.status).toBe(200);
    expect(continued.body.task).toMatchObject({ decision: 'continue', evidence, checklist: { performance: { result: 'pass', note: null } } });

    // Cycle 2: a concern leads to remediation; the system keeps running.
    const second = await openTaskOf(h, id, owner);
    expect(second.id).not.toBe(first.id);
    const concern = reviewChecklist({ bias_fairness: { result: 'concern', note: 'approval-rate gap of 6 points between age groups' } });
    const noAction = await decide(second.id, { decision: 'remediate', comment: 'fairness gap', checklist: concern });
    expect({ status: noAction.status, field: noAction.body.field }).toEqual({ status: 400, field: 'correctiveAction' });
    const remediated = await decide(second.id, {
      decision: 'remediate',
      comment: 'fairness gap',
      checklist: concern,
      correctiveAction: { title: 'Close the age-group gap', description: 'Reweight training data and re-test', ownerId: engineer.user.id, dueAt: inAnHour() },
    });
    expect(remediated.status).toBe(200);
    expect(remediated.body.system.stage).toBe('operation');

    const item = await waitUntil(async () => (await h.dataSource.query('SELECT * FROM pdca_items WHERE source_id = $1', [second.id]))[0], 15_000, 'the corrective action');
    expect(item).toMatchObject({ kind: 'corrective_action', phase: 'plan', owner_id: engineer.user.id, ai_system_id: id, source_type: 'review' });
    const itemPath = `/api/v1/pdca-items/${item.id}`;

    // Out-of-phase steps and other people's work are refused, and write nothing.
    const early = await post(`${itemPath}/complete`, engineer, { note: 'done?' });
    expect({ status: early.status, field: early.body.field }).toEqual({ status: 409, field: 'phase' });
    expect((await post(`${itemPath}/plan`, owner, { rootCause: 'x', action: 'y' })).status).toBe(403);

    const plan = { rootCause: 'Under-represented age group in training data', action: 'Reweight and retrain' };
    expect((await post(`${itemPath}/plan`, engineer, plan)).body).toMatchObject({ phase: 'do', rootCause: plan.rootCause });
    expect((await post(`${itemPath}/complete`, engineer, { note: 'Retrained as 1.0.1 candidate', evidence })).body.phase).toBe('check');
    const selfCheck = await post(`${itemPath}/verify`, engineer, { effective: true, note: 'looks fine to me' });
    expect(selfCheck.status).toBe(403);
    expect(selfCheck.body.message).toMatch(/cannot verify/);

    // Not effective: back to planning; then planned again, done, and verified as effective.
    expect((await post(`${itemPath}/verify`, gov, { effective: false, note: 'gap still 4 points' })).body).toMatchObject({ phase: 'plan', reopenCount: 1 });
    await post(`${itemPath}/plan`, engineer, { ...plan, action: 'Add the age feature constraint' });
    await post(`${itemPath}/complete`, engineer, { note: 'constraint added, gap 0.5 points', evidence });
    const closed = await post(`${itemPath}/verify`, gov, { effective: true, note: 'gap under 1 point on the holdout set' });
    expect(closed.body).toMatchObject({ phase: 'closed', verification: { effective: true, byId: gov.user.id } });
    expect(closed.body.closedAt).not.toBeNull();

    await saveServerHistoryForReplay(`pdca-item:${item.id}`, 'pdca-item-reopened-then-closed');
    await saveServerRunsForReplay(`ai-system:${id}`, 'review-decision-run', '"decideReview"');
    expect(await auditTypes(`pdca-item:${item.id}`)).toEqual([
      'pdca_item.opened',
      'pdca_item.planned',
      'pdca_item.action_completed',
      'pdca_item.reopened',
      'pdca_item.planned',
      'pdca_item.action_completed',
      'pdca_item.closed',
    ]);
    const systemEvents = await auditTypes(`ai-system:${id}`);
    expect(systemEvents).toEqual(expect.arrayContaining(['review.decided', 'corrective_action.opened']));
    const listed = await get(`/api/v1/pdca-items?aiSystemId=${id}&phase=closed`, gov);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await get('/api/v1/audit/verify', gov)).body).toMatchObject({ ok: true });
    await expect(get(path, owner)).resolves.toMatchObject({ status: 200 });
    await retire(path, owner);
  });

  it('reminds the assignee when a review falls overdue and escalates to the governance office after that', async () => {
    const owner = await h.createUser(['product_owner']);
    const { id, path } = await operating('minimal', owner);
    const task = await openTaskOf(h, id, owner);
    const row = await waitUntil(
      async () => (await h.dataSource.query('SELECT created_at, due_at, reminded_at, escalated_at FROM tasks WHERE id = $1 AND escalated_at IS NOT NULL', [task.id]))[0],
      20_000,
      'an escalated review task',
    );
    expect(new Date(row.reminded_at).getTime()).toBeGreaterThanOrEqual(new Date(row.due_at).getTime());
    expect(new Date(row.escalated_at).getTime()).toBeGreaterThan(new Date(row.reminded_at).getTime());
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && /^Reminder/i.test(m.subject), 5_000);
    const escalation = await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.includes('Overdue periodic review'), 5_000);
    expect(escalation.subject).toContain('[Ops minimal');
    expect(await auditTypes(`ai-system:${id}`)).toEqual(expect.arrayContaining(['review.overdue_reminded', 'review.escalated']));

    // Decided from the emailed link: its page carries the checklist, which the POST must answer.
    const prompt = await h.mail.waitFor((m) => m.to.includes(owner.user.email) && /^Action needed: review/.test(m.subject), 5_000);
    const link = linkIn(prompt.text);
    const page = await fetch(link);
    expect(await page.text()).toContain('Review checklist');
    const form = (fields: Record<string, string>) =>
      fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect((await form({ decision: 'continue' })).status).toBe(400);
    const answers = Object.fromEntries(Object.keys(reviewChecklist()).map((item) => [item, 'pass']));
    const decided = await form({ decision: 'continue', ...answers, evidence_label: 'dashboard', evidence_uri: 'https://monitor.example.test/ops' });
    expect(decided.status).toBe(200);
    const [row2] = await h.dataSource.query('SELECT status, checklist, evidence FROM tasks WHERE id = $1', [task.id]);
    expect(row2).toMatchObject({ status: 'decided', checklist: { drift: { result: 'pass', note: null } }, evidence: [{ label: 'dashboard', uri: 'https://monitor.example.test/ops' }] });
    await saveServerRunsForReplay(`ai-system:${id}`, 'overdue-review-reminded-escalated', '"core_patch"');
    await retire(path, owner);
  });

  it('reminds a PDCA item owner before and at the due date, then escalates; bad input writes nothing', async () => {
    const owner = await h.createUser(['product_owner']);
    const before = await h.rowCounts();
    const base = { kind: 'nonconformity', title: 'Model card missing', description: 'No model card for the triage model', ownerId: owner.user.id };
    const past = await post('/api/v1/pdca-items', gov, { ...base, dueAt: new Date(Date.now() - 1000).toISOString() });
    expect({ status: past.status, field: past.body.field }).toEqual({ status: 400, field: 'dueAt' });
    const nobody = await post('/api/v1/pdca-items', gov, { ...base, ownerId: '00000000-0000-4000-8000-000000000000', dueAt: inAnHour() });
    expect({ status: nobody.status, field: nobody.body.field }).toEqual({ status: 400, field: 'ownerId' });
    expect((await post('/api/v1/pdca-items', owner, { ...base, dueAt: inAnHour() })).status).toBe(403);
    expect(await h.rowCounts()).toEqual(before);

    const created = await post('/api/v1/pdca-items', gov, { ...base, dueAt: new Date(Date.now() + 3_500).toISOString() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phase: 'plan', ownerId: owner.user.id, source: { type: 'other' } });
    const soon = await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.startsWith('Due soon: Model card missing'), 10_000);
    const overdue = await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.startsWith('Overdue: Model card missing'), 10_000);
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.includes('Escalated, overdue nonconformity: Model card missing'), 10_000);
    expect(soon.messageId).not.toBe(overdue.messageId);
    const item = await waitUntil(async () => {
      const body = (await get(`/api/v1/pdca-items/${created.body.id}`, gov)).body;
      return body.escalatedAt ? body : undefined;
    }, 5_000, 'an escalated item');
    expect(item.overdue).toBe(true);
    const overdueList = await get('/api/v1/pdca-items?overdue=true', gov);
    expect(overdueList.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    // Product owners see their own items (and their systems'), not everyone's.
    const stranger = await h.createUser(['product_owner']);
    expect((await get(`/api/v1/pdca-items/${created.body.id}`, stranger)).status).toBe(403);
    expect((await get('/api/v1/pdca-items?overdue=true', stranger)).body.items).toEqual([]);
    expect((await get(`/api/v1/pdca-items/${created.body.id}`, owner)).status).toBe(200);
  });

  it('re-assesses and approves a material change while the approved version runs; a critical drift event then rolls back to it', async () => {
    const owner = await h.createUser(['product_owner']);
    const { id, path } = await operating('limited', owner);
    const before = await h.rowCounts();

    const direct = await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production', model: modelB });
    expect({ status: direct.status, field: direct.body.field }).toEqual({ status: 409, field: 'version' });
    expect(direct.body.message).toMatch(/material change/);
    const missing = await post(`${path}/changes`, owner, { kinds: ['model'], description: 'new model', version: '2.0.0' });
    expect({ status: missing.status, field: missing.body.field }).toEqual({ status: 400, field: 'model' });
    const reused = await post(`${path}/changes`, owner, { kinds: ['model'], description: 'new model', version: '1.0.0', model: modelB });
    expect({ status: reused.status, field: reused.body.field }).toEqual({ status: 409, field: 'version' });
    expect(await h.rowCounts()).toEqual(before);

    const proposed = await post(`${path}/changes`, owner, {
      kinds: ['model', 'affected_groups'],
      description: 'Retrained model that also triages supplier tickets',
      version: '2.0.0',
      model: modelB,
      newAffectedGroups: ['employees', 'suppliers'],
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'assessment', runningVersion: '1.0.0', version: '2.0.0' });
    expect((await post(`${path}/changes`, owner, { kinds: ['model'], description: 'again', version: '3.0.0', model: modelB })).status).toBe(409);
    expect((await get(path, owner)).body.pendingChange).toMatchObject({ id: proposed.body.id, status: 'assessment', version: '2.0.0' });
    expect((await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production' })).status).toBe(409);

    // Re-assessment and a new approval round, with the system in operation on 1.0.0 throughout.
    const assessed = await post(`${path}/impact-assessments`, owner, { answers: (await import('../../support/assessment-answers')).answersFor('limited') });
    expect(assessed.status).toBe(201);
    expect((await get(path, owner)).body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    const approval = await openTaskOf(h, id, gov);
    expect((await post(`/api/v1/tasks/${approval.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    const changes = await get(`${path}/changes`, owner);
    expect(changes.body[0]).toMatchObject({ status: 'approved', approvalRound: 2, assessmentVersion: 2 });
    expect((await get(path, owner)).body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });

    const otherModel = await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production', model: { ...modelB, checksum: sha('c') } });
    expect({ status: otherModel.status, field: otherModel.body.field }).toEqual({ status: 409, field: 'model' });
    const deployed = await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production' });
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '2.0.0' });
    expect((await get(`${path}/changes`, owner)).body[0].status).toBe('deployed');
    expect((await get(path, owner)).body.pendingChange).toBeNull();
    const versions = await get(`${path}/versions`, owner);
    expect(versions.body.versions.find((v: { version: string }) => v.version === '2.0.0').model).toEqual(modelB);

    // The monitoring webhook: a source of its own, deliveries signed in the Standard Webhooks scheme (a wrong
    // or missing signature is refused), and a low event is only recorded.
    const admin = await h.createUser(['admin']);
    const source = await h.api('POST', '/api/v1/webhook-sources', { token: admin.token, body: { name: `Drift monitor ${id}`, aiSystemIds: [id] } });
    expect(source.status).toBe(201);
    const event = { aiSystemId: id, kind: 'drift', metric: 'psi', observedValue: 0.05, threshold: 0.2, source: 'drift-monitor' };
    let deliveries = 0;
    const webhook = (secret: string | null, body: Record<string, unknown>) => {
      const text = JSON.stringify(body);
      const webhookId = `msg_${id}_${++deliveries}`;
      const now = new Date();
      const headers: Record<string, string> = secret
        ? { 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(webhookId, now, text) }
        : {};
      return h.api('POST', `/api/v1/monitoring/webhooks/${source.body.source.id}`, { body: text, headers });
    };
    const eventsBefore = (await h.rowCounts()).monitoring_events;
    expect((await webhook(null, { ...event, severity: 'low' })).status).toBe(401);
    expect((await webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, { ...event, severity: 'low' })).status).toBe(401);
    expect((await h.rowCounts()).monitoring_events).toBe(eventsBefore);
    const low = await webhook(source.body.secret, { ...event, severity: 'low' });
    expect(low.body).toMatchObject({ response: 'record', reviewStarted: false, stage: 'operation' });

    // Critical drift: back to the last approved version at once, with an incident review and notices.
    const critical = await webhook(source.body.secret, { ...event, severity: 'critical', observedValue: 0.42, description: 'population shift after release' });
    expect(critical.status).toBe(201);
    expect(critical.body).toMatchObject({ response: 'rollback', stage: 'rollback', system: { currentVersion: '1.0.0' } });
    const [rollback] = await h.dataSource.query(`SELECT version, kind FROM deployments WHERE ai_system_id = $1 ORDER BY deployed_at DESC LIMIT 1`, [id]);
    expect(rollback).toEqual({ version: '1.0.0', kind: 'rollback' });
    const [stageEvent] = await h.dataSource.query(
      `SELECT payload, actor_label FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.stage_changed' ORDER BY seq DESC LIMIT 1`,
      [`ai-system:${id}`],
    );
    expect(stageEvent.payload).toMatchObject({ action: 'rollback', fromVersion: '2.0.0', toVersion: '1.0.0' });
    expect(stageEvent.payload.reason).toMatch(/automatic rollback to 1\.0\.0 after a critical drift event on psi/);
    for (const who of [owner, gov]) {
      await h.mail.waitFor((m) => m.to.includes(who.user.email) && m.subject.includes('Rolled back to 1.0.0 after a critical drift event'), 10_000);
    }
    const incident = await waitUntil(async () => {
      const found = await get(`/api/v1/pdca-items/${critical.body.incidentItemId}`, owner);
      return found.status === 200 ? found.body : undefined;
    }, 10_000, 'the incident review');
    expect(incident).toMatchObject({ kind: 'nonconformity', ownerId: owner.user.id, aiSystemId: id, source: { type: 'incident', id: critical.body.eventId } });
    expect((await get(path, owner)).body.openPdcaItems.map((i: { id: string }) => i.id)).toContain(incident.id);

    // A person decides: redeploy the approved version, and later retire it item by item.
    expect((await post(`${path}/deployments`, owner, { version: '1.0.0', environment: 'production' })).body.stage).toBe('operation');
    expect((await post(`${path}/retirement`, owner, { reason: 'replaced by a vendor product' })).body.stage).toBe('retirement');
    const items = ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed'];
    for (const item of items) await post(`${path}/retirement/checklist/${item}`, owner, { note: `${item} by the owner` });
    expect((await get(path, owner)).body.stage).toBe('retirement');
    const last = await post(`${path}/retirement/checklist/dependent_systems_updated`, gov, { note: 'CRM integration removed' });
    expect(last.body.stage).toBe('retired');
    const detail = await get(path, gov);
    expect(detail.body.retirementChecklist.dependent_systems_updated).toMatchObject({ done: true, doneById: gov.user.id });
    expect(detail.body.retirementChecklist.access_revoked.doneById).toBe(owner.user.id);
    expect((await get(`${path}/versions`, gov)).status).toBe(200);
    expect((await get('/api/v1/audit/verify', gov)).body).toMatchObject({ ok: true });
    await saveServerHistoryForReplay(`ai-system:${id}`, 'material-change-then-automatic-rollback');
  });

  it("never asks a material change's proposer or assessor to approve it, and refuses their decisions and delegations to them", async () => {
    const owner = await h.createUser(['product_owner']);
    const proposer = await h.createUser(['governance_office'], { name: 'Pro Poser' });
    const assessor = await h.createUser(['governance_office'], { name: 'Ass Essor' });
    const { id, path } = await operating('limited', owner);
    const proposed = await post(`${path}/changes`, proposer, { kinds: ['model'], description: 'retrained by the governance office', version: '2.0.0', model: modelB });
    expect(proposed.status).toBe(201);
    const assessed = await post(`${path}/impact-assessments`, assessor, { answers: (await import('../../support/assessment-answers')).answersFor('limited') });
    expect(assessed.status).toBe(201);

    const task = await openTaskOf(h, id, gov);
    const roundTasks: Array<{ assignee_id: string }> = await h.dataSource.query(`SELECT assignee_id FROM tasks WHERE ai_system_id = $1 AND round = 2`, [id]);
    expect(roundTasks.map((t) => t.assignee_id)).not.toEqual(expect.arrayContaining([proposer.user.id]));
    expect(roundTasks.map((t) => t.assignee_id)).not.toEqual(expect.arrayContaining([assessor.user.id]));
    await waitUntil(
      async () => ((await h.dataSource.query(`SELECT 1 FROM email_outbox WHERE task_id = $1 AND status = 'sent'`, [task.id])).length ? true : undefined),
      30_000,
      'the prompt of the round',
    );

    const before = await h.rowCounts();
    for (const conflicted of [proposer, assessor]) {
      expect((await post(`/api/v1/tasks/${task.id}/decision`, conflicted, { decision: 'approve' })).status).toBe(403);
    }
    const delegations: Array<[HarnessUser, RegExp]> = [
      [proposer, /proposed a material change/],
      [assessor, /impact assessment/],
    ];
    for (const [conflicted, message] of delegations) {
      const r = await post(`/api/v1/tasks/${task.id}/delegate`, gov, { delegateId: conflicted.user.id, reason: 'please take it' });
      expect({ status: r.status, field: r.body.field }).toEqual({ status: 403, field: 'delegateId' });
      expect(r.body.message).toMatch(message);
    }
    expect(await h.rowCounts()).toEqual(before);

    const [started] = await h.dataSource.query(
      `SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'approval.step_started' ORDER BY seq LIMIT 1`,
      [`approval:${id}:2`],
    );
    expect(started.payload.notAsked).toEqual(
      expect.arrayContaining([
        { email: proposer.user.email, reason: 'change_proposer' },
        { email: assessor.user.email, reason: 'change_assessor' },
      ]),
    );
    expect((await post(`/api/v1/tasks/${task.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    expect((await get(`${path}/changes`, owner)).body[0]).toMatchObject({ status: 'approved', approvalRound: 2 });
  });

  it('retiring a system withdraws the approval round of its material change: the tasks are cancelled, their links refused, the change returned', async () => {
    const owner = await h.createUser(['product_owner']);
    const { id, path, name } = await operating('limited', owner);
    const prompts = () => h.mail.messages().filter((m) => m.to.includes(gov.user.email) && m.subject === `Action needed: approve "${name}" (limited risk)`);
    const proposed = await post(`${path}/changes`, owner, { kinds: ['data'], description: 'Retrained on 2026 tickets', version: '1.1.0', datasets: [{ name: 'tickets', version: '2026', checksum: sha('d') }] });
    expect(proposed.status).toBe(201);
    const { answersFor } = await import('../../support/assessment-answers');
    expect((await post(`${path}/impact-assessments`, owner, { answers: answersFor('limited') })).status).toBe(201);
    const approval = await openTaskOf(h, id, gov);
    const prompt = await waitUntil(async () => (prompts().length >= 2 ? prompts()[1] : undefined), 10_000, 'the change round prompt');
    expect((await get(path, owner)).body.pendingChange).toMatchObject({ id: proposed.body.id, status: 'approval' });

    const retired = await post(`${path}/retirement`, owner, {
      reason: 'the service is discontinued',
      completedItems: ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed', 'dependent_systems_updated'],
    });
    expect(retired.body.stage).toBe('retired');
    const change = await waitUntil(async () => {
      const [row] = (await get(`${path}/changes`, owner)).body;
      return row.status === 'returned' ? row : undefined;
    }, 10_000, 'the change to be returned');
    expect(change).toMatchObject({ id: proposed.body.id, version: '1.1.0', approvalRound: 2 });
    const [task] = await h.dataSource.query('SELECT status FROM tasks WHERE id = $1', [approval.id]);
    expect(task.status).toBe('cancelled');

    const late = await post(`/api/v1/tasks/${approval.id}/decision`, gov, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect((await fetch(linkIn(prompt.text), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve&comment=' })).status).toBe(409);
    expect((await get(path, owner)).body).toMatchObject({ stage: 'retired', currentVersion: '1.0.0', pendingChange: null });
    expect(await auditTypes(`approval:${id}:2`)).toContain('approval.withdrawn');
    expect(await auditTypes(`ai-system:${id}`)).toContain('material_change.returned');
    expect((await get('/api/v1/audit/verify', gov)).body).toMatchObject({ ok: true });
    await saveServerHistoryForReplay(`ai-system:${id}`, 'material-change-withdrawn-on-retirement');
    await saveServerHistoryForReplay(`approval:${id}:2`, 'approval-round-withdrawn');
  });

  it('withdraws a change in assessment, then one in approval (its tasks cancelled); refusals write nothing', async () => {
    const owner = await h.createUser(['product_owner']);
    const stranger = await h.createUser(['product_owner']);
    const { id, path } = await operating('limited', owner);
    const propose = (version: string) => post(`${path}/changes`, owner, { kinds: ['model'], description: `Model ${version}`, version, model: modelB });
    const first = await propose('2.0.0');
    expect(first.status).toBe(201);
    const withdrawal = (changeId: string, by: HarnessUser, body: unknown = { reason: 'the vendor model was discontinued' }) =>
      post(`${path}/changes/${changeId}/withdrawal`, by, body);

    const before = await h.rowCounts();
    const refusals = [
      [await withdrawal(first.body.id, stranger), 403, undefined],
      [await withdrawal(first.body.id, owner, { reason: '' }), 400, 'reason'],
      [await withdrawal('00000000-0000-4000-8000-000000000000', owner), 404, 'changeId'],
      [await withdrawal('not-a-uuid', owner), 400, 'changeId'],
    ] as const;
    for (const [response, status, field] of refusals) expect({ status: response.status, field: response.body.field }).toEqual({ status, field });
    expect(await h.rowCounts()).toEqual(before);

    const returned = await withdrawal(first.body.id, owner);
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ id: first.body.id, status: 'returned' });
    const again = await withdrawal(first.body.id, owner);
    expect({ status: again.status, field: again.body.field }).toEqual({ status: 409, field: 'changeId' });
    expect((await post(`${path}/impact-assessments`, owner, { answers: (await import('../../support/assessment-answers')).answersFor('limited') })).status).toBe(409);

    // A second change reaches approval; withdrawing it calls its round off.
    const second = await propose('2.1.0');
    expect(second.status).toBe(201);
    const { answersFor } = await import('../../support/assessment-answers');
    expect((await post(`${path}/impact-assessments`, owner, { answers: answersFor('limited') })).status).toBe(201);
    const task = await openTaskOf(h, id, gov);
    const called = await withdrawal(second.body.id, gov, { reason: 'superseded by the vendor roadmap' });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: second.body.id, status: 'returned', approvalRound: 2 });
    const [row] = await h.dataSource.query('SELECT status FROM tasks WHERE id = $1', [task.id]);
    expect(row.status).toBe('cancelled');
    expect((await post(`/api/v1/tasks/${task.id}/decision`, gov, { decision: 'approve' })).status).toBe(409);
    expect((await get(path, owner)).body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0', pendingChange: null });

    const [event] = await h.dataSource.query(
      `SELECT payload, actor_id FROM audit_events WHERE stream_id = $1 AND event_type = 'material_change.withdrawn' ORDER BY seq DESC LIMIT 1`,
      [`ai-system:${id}`],
    );
    expect(event).toMatchObject({ actor_id: gov.user.id, payload: { changeId: second.body.id, status: 'approval', reason: 'superseded by the vendor roadmap' } });
    expect(await auditTypes(`approval:${id}:2`)).toContain('approval.withdrawn');
    // The system can still change: a third proposal is accepted.
    expect((await propose('2.2.0')).status).toBe(201);
    await saveServerHistoryForReplay(`ai-system:${id}`, 'material-changes-withdrawn-by-people');
  });

  it('keeps an approved change across a rollback: it deploys only once an approved version runs again', async () => {
    const owner = await h.createUser(['product_owner']);
    const { id, path } = await operating('limited', owner);
    expect((await post(`${path}/changes`, owner, { kinds: ['model'], description: 'Model 2', version: '2.0.0', model: modelB })).status).toBe(201);
    const { answersFor } = await import('../../support/assessment-answers');
    expect((await post(`${path}/impact-assessments`, owner, { answers: answersFor('limited') })).status).toBe(201);
    const approval = await openTaskOf(h, id, gov);
    expect((await post(`/api/v1/tasks/${approval.id}/decision`, gov, { decision: 'approve' })).status).toBe(200);
    expect((await get(path, owner)).body.pendingChange).toMatchObject({ status: 'approved', version: '2.0.0' });

    expect((await post(`${path}/rollback`, owner, { reason: 'latency regression in 1.0.0' })).body.stage).toBe('rollback');
    const before = await h.rowCounts();
    const early = await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production' });
    expect({ status: early.status, field: early.body.field }).toEqual({ status: 409, field: 'version' });
    expect(early.body.message).toMatch(/approved material change: redeploy one of 1\.0\.0 first/);
    expect(await h.rowCounts()).toEqual(before);

    expect((await post(`${path}/deployments`, owner, { version: '1.0.0', environment: 'production' })).body.stage).toBe('operation');
    const changed = await post(`${path}/deployments`, owner, { version: '2.0.0', environment: 'production' });
    expect(changed.body).toMatchObject({ stage: 'operation', currentVersion: '2.0.0' });
    expect((await get(path, owner)).body.pendingChange).toBeNull();
    expect((await get(`${path}/changes`, owner)).body[0].status).toBe('deployed');
  });

  it('answers by tier and severity: a medium event opens a review at once on a high-risk system, a critical one suspends it', async () => {
    const owner = await h.createUser(['product_owner']);
    const risk = await h.createUser(['risk_officer']);
    const system = await registerForApproval(h, owner, 'high', { name: `Ops high ${Math.random().toString(36).slice(2, 7)}` });
    const task = await openTaskOf(h, system.id, risk);
    expect((await post(`/api/v1/tasks/${task.id}/decision`, risk, { decision: 'approve' })).status).toBe(200);
    await post(`${system.path}/deployments`, owner, { version: '1.0.0', environment: 'production' });
    const event = (severity: string) => post(`${system.path}/monitoring-events`, owner, { kind: 'bias', severity, metric: 'disparate impact', observedValue: 0.7, threshold: 0.8 });

    expect((await event('low')).body).toMatchObject({ response: 'record', stage: 'operation' });
    const medium = await event('medium');
    expect(medium.body).toMatchObject({ response: 'review', reviewStarted: true, stage: 'periodic_review' });
    const review = await openTaskOf(h, system.id, owner);
    expect((await post(`/api/v1/tasks/${review.id}/decision`, owner, { decision: 'continue', comment: 'within tolerance after re-test', checklist: reviewChecklist() })).status).toBe(200);

    const critical = await event('critical');
    expect(critical.body).toMatchObject({ response: 'suspend', stage: 'rollback', system: { currentVersion: null } });
    const [stageEvent] = await h.dataSource.query(
      `SELECT payload, actor_id FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.stage_changed' ORDER BY seq DESC LIMIT 1`,
      [`ai-system:${system.id}`],
    );
    expect(stageEvent.actor_id).toBe(owner.user.id);
    expect(stageEvent.payload).toMatchObject({ action: 'rollback', fromVersion: '1.0.0', toVersion: null });
    expect(stageEvent.payload.reason).toMatch(/automatic suspension after a critical bias event on disparate impact \(observed 0\.7, threshold 0\.8\)/);
    await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.includes('Suspended after a critical bias event'), 10_000);
    expect(critical.body.incidentItemId).toEqual(expect.any(String));
  });
});
