import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';

/**
 * Accepting a risk above the appetite on real parts (Temporal dev server, PostgreSQL, SMTP
 * capture, worker and API, the shipped policy's `riskAcceptance` section: one person of the
 * governance office): a PATCH cannot accept it; POST /risks/{id}/acceptance starts the round, in
 * which whoever rated the risk and whoever asked are not asked and are refused; a rejection
 * returns it to `needs_approval` with the reason; a second round approves it and the risk is
 * accepted by the approver. Every step on the risk's hash-chained stream; refusals write nothing.
 */
describe('risk acceptance above the appetite', () => {
  let h: Harness;
  let rater: HarnessUser;
  let requester: HarnessUser;
  let approver: HarnessUser;
  let riskOfficer: HarnessUser;
  let stranger: HarnessUser;
  let auditor: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    // The rater and the requester hold the approving role, so leaving them out is a decision of the round.
    rater = await h.createUser(['governance_office'], { name: 'Rita Rater' });
    requester = await h.createUser(['governance_office'], { name: 'Quentin Requester' });
    approver = await h.createUser(['governance_office'], { name: 'Ann Approver' });
    riskOfficer = await h.createUser(['risk_officer']);
    stranger = await h.createUser(['product_owner']);
    auditor = await h.createUser(['auditor']);
  });
  afterAll(async () => h?.stop());

  const highRisk = async (title: string) => {
    const created = await h.api('POST', '/api/v1/risks', {
      token: rater.token,
      body: {
        title,
        description: 'Applicants can be ranked on proxies for protected attributes.',
        source: 'ai',
        threat: 'indirect discrimination',
        ownerId: riskOfficer.user.id,
        inherentLikelihood: 'almost_certain',
        inherentImpact: 'severe',
        residualLikelihood: 'likely',
        residualImpact: 'major',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.residual.rating).toBe('high');
    return created.body.id as string;
  };
  const ask = (by: HarnessUser, id: string, body: unknown = { justification: 'Further mitigation costs more than the exposure; monthly bias monitoring compensates.' }) =>
    h.api('POST', `/api/v1/risks/${id}/acceptance`, { token: by.token, body });
  const getRisk = async (id: string) => (await h.api('GET', `/api/v1/risks/${id}`, { token: riskOfficer.token })).body;
  const openTask = (user: HarnessUser, riskId: string, round: number) =>
    waitUntil(
      async () =>
        (
          await h.dataSource.query(
            `SELECT id, title, subject_kind, ai_system_id FROM tasks WHERE subject_kind = 'risk_acceptance' AND subject_id = $1 AND round = $2 AND assignee_id = $3 AND status = 'open'`,
            [riskId, round, user.user.id],
          )
        )[0],
      60_000,
      `a risk acceptance task for ${user.user.email}`,
    );
  const promptsSent = (riskId: string) =>
    waitUntil(
      async () => {
        const [{ waiting }] = await h.dataSource.query(
          `SELECT count(*)::int AS waiting FROM tasks t WHERE t.subject_id = $1 AND t.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.task_id = t.id AND o.status = 'sent')`,
          [riskId],
        );
        return waiting === 0 ? true : undefined;
      },
      60_000,
      'the prompts of the acceptance round',
    );
  const riskStream = async (id: string): Promise<Array<{ event_type: string; payload: Record<string, unknown>; actor_id: string | null }>> =>
    h.dataSource.query(`SELECT event_type, payload, actor_id FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`risk:${id}`]);
  const decide = (by: HarnessUser, taskId: string, body: Record<string, unknown>) => h.api('POST', `/api/v1/tasks/${taskId}/decision`, { token: by.token, body });

  it('is accepted only through an approval round that leaves out the rater and the requester; a rejection returns it to needs_approval', async () => {
    const id = await highRisk('Ranking on proxies for protected attributes');
    const within = await h.api('POST', '/api/v1/risks', {
      token: rater.token,
      body: { title: 'Minor drift', description: 'Scores drift slowly.', source: 'ai', threat: 'drift', ownerId: riskOfficer.user.id, residualLikelihood: 'unlikely', residualImpact: 'minor', inherentLikelihood: 'possible', inherentImpact: 'minor' },
    });
    expect(within.body.residual.rating).toBe('low');

    // Refusals: none writes anything, not even to the risk row.
    const before = await h.rowCounts();
    const untouched = await getRisk(id);
    const patched = await h.api('PATCH', `/api/v1/risks/${id}`, { token: riskOfficer.token, body: { treatment: 'accept' } });
    expect({ status: patched.status, field: patched.body.field }).toEqual({ status: 409, field: 'treatment' });
    expect(patched.body.message).toContain(`POST /api/v1/risks/{id}/acceptance`);
    const refusals: Array<[Promise<{ status: number; body: { field?: string } }>, number, string]> = [
      [ask(requester, '00000000-0000-4000-8000-000000000000'), 404, 'id'],
      [ask(stranger, id), 403, 'id'],
      [ask(auditor, id), 403, 'id'],
      [ask(requester, id, {}), 400, 'justification'],
      [ask(requester, id, { justification: '   ' }), 400, 'justification'],
      [ask(requester, id, { justification: 'x'.repeat(4001) }), 400, 'justification'],
      [ask(requester, within.body.id), 409, 'residualRating'],
    ];
    for (const [request, status, field] of refusals) {
      const r = await request;
      expect({ status: r.status, field: r.body.field ?? '' }).toEqual({ status, field });
    }
    expect(await h.rowCounts()).toEqual(before);
    expect(await getRisk(id)).toEqual(untouched);

    // Round 1: asked for by the requester; the rater and the requester are not asked.
    const asked = await ask(requester, id);
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ riskId: id, round: 1, workflowId: `risk-acceptance:${id}:1`, approvalWorkflowId: `approval:risk_acceptance:${id}:1`, acceptance: 'in_approval', residualRating: 'high', appetite: 'medium', outcome: null });
    expect(await getRisk(id)).toMatchObject({ status: 'open', treatment: 'accept', acceptance: 'in_approval' });
    const task = await openTask(approver, id, 1);
    expect(task).toMatchObject({ subject_kind: 'risk_acceptance', ai_system_id: null });
    const assignees: string[] = (await h.dataSource.query(`SELECT assignee_id FROM tasks WHERE subject_id = $1`, [id])).map((t: { assignee_id: string }) => t.assignee_id);
    expect(assignees).not.toContain(rater.user.id);
    expect(assignees).not.toContain(requester.user.id);
    const [started] = await h.dataSource.query(`SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'approval.step_started'`, [`approval:risk_acceptance:${id}:1`]);
    expect(started.payload.notAsked).toEqual(
      expect.arrayContaining([
        { email: rater.user.email, reason: 'risk_rater' },
        { email: requester.user.email, reason: 'acceptance_requester' },
      ]),
    );

    // While it runs: no second round, no new rating; the rater may neither decide nor be delegated to.
    await promptsSent(id);
    const inRound = await h.rowCounts();
    const running = await getRisk(id);
    const again = await ask(requester, id);
    expect({ status: again.status, field: again.body.field }).toEqual({ status: 409, field: 'acceptance' });
    const reRated = await h.api('PATCH', `/api/v1/risks/${id}`, { token: riskOfficer.token, body: { residualLikelihood: 'possible' } });
    expect({ status: reRated.status, field: reRated.body.field }).toEqual({ status: 409, field: 'residualLikelihood' });
    expect((await decide(rater, task.id, { decision: 'approve' })).status).toBe(403);
    const toRater = await h.api('POST', `/api/v1/tasks/${task.id}/delegate`, { token: approver.token, body: { delegateId: rater.user.id, reason: 'you know this risk best' } });
    expect({ status: toRater.status, field: toRater.body.field }).toEqual({ status: 403, field: 'delegateId' });
    expect(toRater.body.message).toMatch(/rated a risk/);
    expect(await h.rowCounts()).toEqual(inRound);
    expect(await getRisk(id)).toEqual(running);

    // Rejected: back to needs_approval with the reason.
    const rejected = await decide(approver, task.id, { decision: 'reject', comment: 'show the bias monitoring results first' });
    expect(rejected.status).toBe(200);
    expect(await getRisk(id)).toMatchObject({ status: 'open', treatment: 'accept', acceptance: 'needs_approval', acceptedById: null });
    const afterReject = await h.api('GET', `/api/v1/risks/${id}/acceptance`, { token: riskOfficer.token });
    expect(afterReject.body).toMatchObject({ acceptance: 'needs_approval', items: [{ round: 1, outcome: 'rejected', reason: 'show the bias monitoring results first', acceptance: 'needs_approval' }] });
    // A PATCH still cannot accept it.
    expect((await h.api('PATCH', `/api/v1/risks/${id}`, { token: riskOfficer.token, body: { treatment: 'accept' } })).status).toBe(409);

    // Round 2 approves it: accepted by the approver.
    const second = await ask(requester, id, { justification: 'Bias monitoring results attached to PDCA item; no disparity above 2%.' });
    expect(second.body).toMatchObject({ round: 2, workflowId: `risk-acceptance:${id}:2` });
    const task2 = await openTask(approver, id, 2);
    expect((await decide(approver, task2.id, { decision: 'approve' })).status).toBe(200);
    const accepted = await getRisk(id);
    expect(accepted).toMatchObject({ status: 'accepted', treatment: 'accept', acceptance: 'approved', acceptedById: approver.user.id });
    expect(accepted.acceptedAt).toEqual(expect.any(String));

    const stream = await riskStream(id);
    expect(stream.map((e) => e.event_type)).toEqual([
      'risk.created',
      'risk.acceptance_requested',
      'risk.acceptance_rejected',
      'risk.acceptance_requested',
      'risk.acceptance_approved',
    ]);
    expect(stream[1]).toMatchObject({ actor_id: requester.user.id, payload: { round: 1, residualRating: 'high', appetite: 'medium', ratedById: rater.user.id } });
    expect(stream[2].payload).toMatchObject({ round: 1, outcome: 'rejected', reason: 'show the bias monitoring results first' });
    expect(stream[4]).toMatchObject({ actor_id: approver.user.id, payload: { round: 2, outcome: 'approved', acceptedById: approver.user.id } });
    expect((await h.api('GET', '/api/v1/audit/verify', { token: approver.token })).body).toMatchObject({ ok: true });
    await saveServerHistoryForReplay(`risk-acceptance:${id}:2`, 'risk-acceptance-approved');

    // Accepted: no further round; a new rating reopens it (and above the appetite needs a round again).
    expect((await ask(requester, id)).body).toMatchObject({ statusCode: 409, field: 'status' });
  });
});
