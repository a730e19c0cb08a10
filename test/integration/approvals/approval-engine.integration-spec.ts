import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import { withdrawApprovalSignal } from '@aigov/workflows/lifecycle.definitions';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { linkIn, openTaskOf, postLink, registerForApproval, submitAndAssess } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';
import { testDataConverter } from '../../support/temporal-data-converter';

interface TaskRow {
  id: string;
  assignee_id: string;
  step_name: string;
  status: string;
  decision: string | null;
  delegated_from_id: string | null;
  created_at: Date;
  due_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
}

const SCANNER_AGENTS = [
  'Mozilla/5.0 (compatible; Barracuda Sentinel (EE))',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0; SafeLinks)',
  'Mimecast-URL-Protect/1.0',
];

/**
 * The approval engine on real parts (Temporal dev server, PostgreSQL, SMTP capture, worker
 * and API): sequential steps with an "N of M" quorum, delegation and out-of-office routing,
 * segregation of duties, durable reminder/escalation/expiry timers, and safe email links.
 */
describe('approval engine', () => {
  let h: Harness;
  let timekeeper: HarnessUser;
  let escalation: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml') });
    // Named in the policy by email.
    timekeeper = await h.createUser(['approver'], { email: 'timekeeper@example.test', name: 'Tim Keeper' });
    escalation = await h.createUser(['approver'], { email: 'escalation@example.test', name: 'Esme Escalation' });
  });
  afterAll(async () => h?.stop());

  const tasksOf = (systemId: string): Promise<TaskRow[]> =>
    h.dataSource.query(
      `SELECT id, assignee_id, step_name, status, decision, delegated_from_id, created_at, due_at, reminded_at, escalated_at
         FROM tasks WHERE ai_system_id = $1 ORDER BY created_at, id`,
      [systemId],
    );
  const openTask = (systemId: string, user: HarnessUser, step?: string) => openTaskOf(h, systemId, user, { step });
  /** Every open task of the system has had its prompt sent, so no write is still on its way. */
  const promptsSettled = (systemId: string) =>
    waitUntil(
      async () => {
        const [{ waiting }] = await h.dataSource.query(
          `SELECT count(*)::int AS waiting FROM tasks t
            WHERE t.ai_system_id = $1 AND t.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.task_id = t.id AND o.status = 'sent')`,
          [systemId],
        );
        return waiting === 0 ? true : undefined;
      },
      30000,
      'the prompts of the open tasks',
    );
  const mailTo = (user: HarnessUser, subjectPart: string, systemName: string) =>
    h.mail.waitFor((m) => m.to.includes(user.user.email) && m.subject.includes(subjectPart) && m.subject.includes(systemName), 30000);
  const decideInInbox = (user: HarnessUser, taskId: string, decision: string, comment = '') =>
    h.api('POST', `/api/v1/tasks/${taskId}/decision`, { token: user.token, body: { decision, comment } });
  const stageOf = async (path: string, as: HarnessUser) => (await h.api('GET', path, { token: as.token })).body.stage;

  it('takes a high-risk system through risk (2 of 3), security and privacy-ethics sign-off, with a delegation', async () => {
    const owner = await h.createUser(['product_owner'], { name: 'Olive Owner' });
    const riskOfficers = await Promise.all([1, 2, 3, 4].map((n) => h.createUser(['risk_officer'], { name: `Risk ${n}` })));
    const security = await h.createUser(['security_officer'], { name: 'Sam Security' });
    const privacy = await h.createUser(['privacy_officer'], { name: 'Pia Privacy' });
    const system = await registerForApproval(h, owner, 'high', { name: `Hiring ranker ${Date.now()}` });

    // "2 of 3": three of the four risk officers are asked; the fourth is not.
    const riskTasks = await waitUntil(async () => {
      const rows = (await tasksOf(system.id)).filter((t) => t.step_name === 'risk');
      return rows.length === 3 ? rows : undefined;
    }, 30000, 'three risk tasks');
    const askedIds = riskTasks.map((t) => t.assignee_id);
    const asked = riskOfficers.filter((r) => askedIds.includes(r.user.id));
    const [notAsked] = riskOfficers.filter((r) => !askedIds.includes(r.user.id));
    expect(asked).toHaveLength(3);
    expect(notAsked).toBeDefined();
    const mails = await Promise.all(asked.map((r) => mailTo(r, 'Action needed', system.name)));
    for (const mail of mails) {
      expect(mail.subject).toContain('(high risk)');
      expect(mail.text).toMatch(/Annex III/);
      expect(mail.text).toMatch(/Due: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      expect(mail.html).toContain('<a href=');
    }
    const links = mails.map((m) => linkIn(m.text));

    // Mail scanners open every link with GET and HEAD: nothing changes.
    const before = await h.rowCounts();
    for (const link of links) {
      for (const agent of SCANNER_AGENTS) {
        expect((await fetch(link, { headers: { 'user-agent': agent } })).status).toBe(200);
        expect((await fetch(link, { method: 'HEAD', headers: { 'user-agent': agent } })).status).toBe(200);
      }
    }
    expect(await h.rowCounts()).toEqual(before);
    expect((await tasksOf(system.id)).filter((t) => t.status === 'open')).toHaveLength(3);

    // The first asked officer hands the task to the one who was not asked.
    const [first, second] = asked;
    const firstTask = riskTasks.find((t) => t.assignee_id === first.user.id)!;
    const delegated = await h.api('POST', `/api/v1/tasks/${firstTask.id}/delegate`, {
      token: first.token,
      body: { delegateId: notAsked.user.id, reason: 'on leave from tomorrow' },
    });
    expect(delegated.status).toBe(200);
    expect(delegated.body.task).toMatchObject({ id: firstTask.id, status: 'delegated', delegationReason: 'on leave from tomorrow' });
    expect(delegated.body.delegatedTask).toMatchObject({ assigneeId: notAsked.user.id, delegatedFromId: first.user.id, status: 'open', stepName: 'risk' });
    expect(delegated.body.delegatedTask.dueAt).toBe(delegated.body.task.dueAt);
    // The delegator's emailed link no longer decides anything.
    expect((await postLink(links[asked.indexOf(first)], 'approve')).status).toBe(409);

    const delegateMail = await mailTo(notAsked, 'Delegated to you', system.name);
    expect(delegateMail.text).toContain(`on behalf of ${first.user.name} (on leave from tomorrow)`);
    expect((await postLink(linkIn(delegateMail.text), 'approve', 'risk controls adequate')).status).toBe(200);
    const secondTask = riskTasks.find((t) => t.assignee_id === second.user.id)!;
    const secondDecision = await decideInInbox(second, secondTask.id, 'approve');
    expect(secondDecision.status).toBe(200);

    // Quorum met: the third risk task is closed and the security step starts.
    const securityTask = await openTask(system.id, security, 'security');
    expect((await tasksOf(system.id)).find((t) => t.assignee_id === asked[2].user.id)?.status).toBe('cancelled');
    expect((await postLink(links[2], 'approve')).status).toBe(409);
    expect((await decideInInbox(security, securityTask.id, 'approve')).status).toBe(200);

    const privacyMail = await mailTo(privacy, 'Action needed', system.name);
    expect((await postLink(linkIn(privacyMail.text), 'approve', 'DPIA on file')).status).toBe(200);
    expect(await stageOf(system.path, owner)).toBe('deployment');

    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    expect(history.status).toBe(200);
    const [round] = history.body.rounds;
    expect(round).toMatchObject({ round: 1, outcome: 'approved' });
    expect(round.steps.map((s: { name: string }) => s.name)).toEqual(['risk', 'security', 'privacy-ethics']);
    expect(round.steps[0].tasks.map((t: { status: string }) => t.status).sort()).toEqual(['cancelled', 'decided', 'decided', 'delegated']);
    const delegatedView = round.steps[0].tasks.find((t: { assignee: { id: string } }) => t.assignee.id === notAsked.user.id);
    expect(delegatedView).toMatchObject({ decision: 'approve', comment: 'risk controls adequate', onBehalfOf: { id: first.user.id } });
    const types: string[] = round.events.map((e: { eventType: string }) => e.eventType);
    expect(types.filter((t) => t === 'approval.step_started')).toHaveLength(3);
    expect(types.filter((t) => t === 'approval.decided')).toHaveLength(4);
    expect(types.filter((t) => t === 'approval.step_approved')).toHaveLength(3);
    const delegation = round.events.find((e: { eventType: string }) => e.eventType === 'approval.delegated');
    expect(delegation).toMatchObject({ actor: first.user.email, payload: { from: first.user.email, to: notAsked.user.email, reason: 'on leave from tomorrow' } });
    expect(round.events.map((e: { seq: number }) => e.seq)).toEqual(round.events.map((_: unknown, i: number) => i + 1));

    const auditor = await h.createUser(['auditor']);
    const trail = await h.api('GET', `${system.path}/audit-trail`, { token: auditor.token });
    expect(trail.body.verification.ok).toBe(true);
    await saveServerHistoryForReplay(`approval:${system.id}:1`, 'approval-round-three-steps-with-delegation');
  });

  it('reminds, escalates and expires on the policy clock, with the times on the task', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await registerForApproval(h, owner, 'minimal', { name: `Timer bot ${Date.now()}` });
    const request = await mailTo(timekeeper, 'Action needed', system.name);
    expect(request.subject).toContain('(minimal risk)');

    await mailTo(timekeeper, 'Reminder', system.name);
    const escalated = await mailTo(escalation, 'Escalated to you', system.name);
    expect(linkIn(escalated.text)).toContain('/actions/');
    const [task] = (await tasksOf(system.id)).filter((t) => t.assignee_id === timekeeper.user.id);
    expect(task.reminded_at).not.toBeNull();
    expect(task.escalated_at).not.toBeNull();
    // Durable timers never fire early: 2 s to the reminder, 4 s to the escalation.
    expect(task.reminded_at!.getTime() - task.created_at.getTime()).toBeGreaterThanOrEqual(1900);
    expect(task.escalated_at!.getTime() - task.created_at.getTime()).toBeGreaterThanOrEqual(3900);
    expect(task.due_at!.getTime() - task.created_at.getTime()).toBeGreaterThanOrEqual(8900);
    const view = await h.api('GET', `/api/v1/tasks/${task.id}`, { token: timekeeper.token });
    expect(view.body).toMatchObject({ remindedAt: task.reminded_at!.toISOString(), escalatedAt: task.escalated_at!.toISOString(), dueAt: task.due_at!.toISOString() });

    // Nobody decides: the round expires, the outcome is recorded and the system returns to design.
    await waitUntil(async () => ((await stageOf(system.path, owner)) === 'design' ? true : undefined), 30000, 'expiry');
    const statuses = (await tasksOf(system.id)).map((t) => t.status);
    expect(statuses.sort()).toEqual(['expired', 'expired']);
    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    expect(history.body.rounds[0]).toMatchObject({ outcome: 'expired' });
    const types = history.body.rounds[0].events.map((e: { eventType: string }) => e.eventType);
    expect(types).toEqual(['approval.step_started', 'approval.reminded', 'approval.escalation_due', 'approval.escalated', 'approval.expired']);
    await saveServerHistoryForReplay(`approval:${system.id}:1`, 'approval-round-reminded-escalated-expired');
  });

  it('ends in rejected when an approver rejects, without starting the next step', async () => {
    const manager = await h.createUser(['approver'], { name: 'Max Manager' });
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Reject me ${Date.now()}` });
    const task = await openTask(system.id, gov, 'governance');
    expect((await decideInInbox(gov, task.id, 'reject')).status).toBe(400);
    const rejected = await decideInInbox(gov, task.id, 'reject', 'no lawful basis for the data');
    expect(rejected.status).toBe(200);
    expect(rejected.body.system.stage).toBe('rejected');
    expect((await tasksOf(system.id)).some((t) => t.step_name === 'business')).toBe(false);
    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    expect(history.body.rounds[0]).toMatchObject({ outcome: 'rejected' });
    expect(history.body.rounds[0].events.find((e: { eventType: string }) => e.eventType === 'approval.decided').payload).toMatchObject({
      decision: 'reject',
      comment: 'no lawful basis for the data',
    });
  });

  it('sends a change request back to design, and the resubmission is approved in a new round', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Change me ${Date.now()}` });
    const first = await mailTo(gov, 'Action needed', system.name);
    expect((await postLink(linkIn(first.text), 'request_changes', 'add an opt-out')).status).toBe(200);
    expect(await stageOf(system.path, owner)).toBe('design');

    await submitAndAssess(h, system.path, owner, 'limited');
    const govTask = await openTask(system.id, gov, 'governance');
    expect((await decideInInbox(gov, govTask.id, 'approve')).status).toBe(200);
    const managerTask = await openTask(system.id, manager, 'business');
    const done = await decideInInbox(manager, managerTask.id, 'approve');
    expect(done.body.system.stage).toBe('deployment');
    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    expect(history.body.rounds.map((r: { round: number; outcome: string }) => [r.round, r.outcome])).toEqual([
      [2, 'approved'],
      [1, 'changes_requested'],
    ]);
  });

  it('shows a withdrawn round as withdrawn, and records the stage change as approval_withdrawn', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Withdraw me ${Date.now()}` });
    const task = await openTask(system.id, gov, 'governance');
    // The lifecycle withdraws only a material change's round; the round's own signal calls off a main one.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      await new Client({ connection, dataConverter: testDataConverter() }).workflow.getHandle(`approval:${system.id}:1`).signal(withdrawApprovalSignal, { reason: 'called off' });
    } finally {
      await connection.close();
    }
    await waitUntil(async () => ((await stageOf(system.path, owner)) === 'design' ? true : undefined), 30000, 'the withdrawal');
    expect((await tasksOf(system.id)).find((t) => t.id === task.id)?.status).toBe('cancelled');

    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    expect(history.body.rounds[0]).toMatchObject({ round: 1, outcome: 'withdrawn' });
    expect(history.body.rounds[0].events.map((e: { eventType: string }) => e.eventType)).toEqual(['approval.step_started', 'approval.withdrawn']);
    const [transition] = await h.dataSource.query(
      `SELECT action, from_stage, to_stage, reason FROM stage_transitions WHERE ai_system_id = $1 ORDER BY seq DESC LIMIT 1`,
      [system.id],
    );
    expect(transition).toEqual({ action: 'approval_withdrawn', from_stage: 'approval', to_stage: 'design', reason: 'called off' });
    const [changed] = await h.dataSource.query(
      `SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.stage_changed' ORDER BY seq DESC LIMIT 1`,
      [`ai-system:${system.id}`],
    );
    expect(changed.payload).toMatchObject({ action: 'approval_withdrawn', round: 1, outcome: 'withdrawn' });
  });

  it("routes an out-of-office approver's task to their delegate, who decides on their behalf", async () => {
    const manager = await h.createUser(['approver'], { name: 'Mia Away' });
    const deputy = await h.createUser(['approver'], { name: 'Dan Deputy' });
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const away = await h.api('PUT', '/api/v1/users/me/out-of-office', { token: manager.token, body: { delegateId: deputy.user.id } });
    expect(away.status).toBe(200);
    expect(away.body.outOfOfficeDelegateId).toBe(deputy.user.id);
    expect((await h.api('PUT', '/api/v1/users/me/out-of-office', { token: manager.token, body: { delegateId: manager.user.id } })).status).toBe(400);

    const system = await registerForApproval(h, owner, 'limited', { name: `Away case ${Date.now()}` });
    const govTask = await openTask(system.id, gov, 'governance');
    expect((await decideInInbox(gov, govTask.id, 'approve')).status).toBe(200);
    const routed = await openTask(system.id, deputy, 'business');
    expect(routed.delegated_from_id).toBe(manager.user.id);
    const mail = await mailTo(deputy, 'Action needed', system.name);
    expect(mail.text).toContain('on behalf of Mia Away (out of office)');
    expect(h.mail.messages().some((m) => m.to.includes(manager.user.email) && m.subject.includes(system.name))).toBe(false);
    expect((await postLink(linkIn(mail.text), 'approve')).status).toBe(200);
    expect(await stageOf(system.path, owner)).toBe('deployment');

    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    const started = history.body.rounds[0].events.filter((e: { eventType: string }) => e.eventType === 'approval.step_started')[1];
    expect(started.payload.outOfOffice).toEqual([{ from: manager.user.email, to: deputy.user.email, reason: 'out_of_office' }]);
    expect((await h.api('PUT', '/api/v1/users/me/out-of-office', { token: manager.token, body: { delegateId: null } })).body.outOfOfficeDelegateId).toBeNull();
  });

  it('never asks the submitter or the accountable owner, and refuses their decisions and delegations to them', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner', 'governance_office'], { managerId: manager.user.id, name: 'Own Gov' });
    const submitter = await h.createUser(['governance_office'], { name: 'Sub Gov' });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Own goal ${Date.now()}`, submitter });
    const govTask = await openTask(system.id, gov, 'governance');
    const assignees = (await tasksOf(system.id)).map((t) => t.assignee_id);
    expect(assignees).not.toContain(owner.user.id);
    expect(assignees).not.toContain(submitter.user.id);

    await promptsSettled(system.id);
    const before = await h.rowCounts();
    expect((await decideInInbox(owner, govTask.id, 'approve')).status).toBe(403);
    for (const [conflicted, why] of [
      [owner, /the accountable owner may not approve their own system/],
      [submitter, /whoever submitted it for approval may not approve it/],
    ] as const) {
      const r = await h.api('POST', `/api/v1/tasks/${govTask.id}/delegate`, { token: gov.token, body: { delegateId: conflicted.user.id, reason: 'please' } });
      expect({ status: r.status, field: r.body.field }).toEqual({ status: 403, field: 'delegateId' });
      expect(r.body.message).toMatch(why);
    }
    expect(await h.rowCounts()).toEqual(before);

    const history = await h.api('GET', `${system.path}/approvals`, { token: owner.token });
    const started = history.body.rounds[0].events.find((e: { eventType: string }) => e.eventType === 'approval.step_started');
    expect(started.payload.notAsked).toEqual(
      expect.arrayContaining([
        { email: owner.user.email, reason: 'accountable_owner' },
        { email: submitter.user.email, reason: 'submitter' },
      ]),
    );
  });

  it('refuses delegations that break the rules with the field and reason, writing nothing', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office', 'approver'], { name: 'Gail Gov' });
    const otherGov = await h.createUser(['governance_office']);
    const bystander = await h.createUser(['product_owner']);
    const deputy = await h.createUser(['approver'], { name: 'Dee Deputy' });
    const system = await registerForApproval(h, owner, 'limited', { name: `Delegation rules ${Date.now()}` });
    const task = await openTask(system.id, gov, 'governance');
    await openTask(system.id, otherGov, 'governance');
    const delegate = (as: HarnessUser, body: unknown, taskId = task.id) => h.api('POST', `/api/v1/tasks/${taskId}/delegate`, { token: as.token, body });

    await promptsSettled(system.id);
    const before = await h.rowCounts();
    const cases: Array<[string, HarnessUser, unknown, number, string]> = [
      ['someone else’s task', bystander, { delegateId: deputy.user.id, reason: 'x' }, 403, 'taskId'],
      ['an unknown person', gov, { delegateId: '00000000-0000-4000-8000-000000000000', reason: 'x' }, 404, 'delegateId'],
      ['a malformed id', gov, { delegateId: 'bob', reason: 'x' }, 400, 'delegateId'],
      ['no reason', gov, { delegateId: deputy.user.id }, 400, 'reason'],
      ['someone without an approving role', gov, { delegateId: bystander.user.id, reason: 'x' }, 403, 'delegateId'],
      ['someone already asked in the step', gov, { delegateId: otherGov.user.id, reason: 'x' }, 409, 'delegateId'],
      ['the assignee themself', gov, { delegateId: gov.user.id, reason: 'x' }, 400, 'delegateId'],
    ];
    for (const [what, as, body, status, field] of cases) {
      const r = await delegate(as, body);
      expect({ what, status: r.status, field: r.body.field, shape: typeof r.body.message }).toEqual({ what, status, field, shape: 'string' });
    }
    expect(await h.rowCounts()).toEqual(before);

    const ok = await delegate(gov, { delegateId: deputy.user.id, reason: 'travelling' });
    expect(ok.status).toBe(200);
    expect((await delegate(gov, { delegateId: deputy.user.id, reason: 'again' })).status).toBe(409);
    expect((await decideInInbox(gov, task.id, 'approve')).status).toBe(409);
    const decided = await decideInInbox(deputy, ok.body.delegatedTask.id, 'approve');
    expect(decided.status).toBe(200);
  });

  it('counts a concurrent double decision (link and inbox at once) once', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'limited', { name: `Double click ${Date.now()}` });
    const task = await openTask(system.id, gov, 'governance');
    const link = linkIn((await mailTo(gov, 'Action needed', system.name)).text);

    const results = await Promise.all([postLink(link, 'approve'), decideInInbox(gov, task.id, 'approve'), postLink(link, 'approve')]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    const decisions = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE event_type = 'approval.decided' AND payload->>'taskId' = $1`,
      [task.id],
    );
    expect(decisions[0].n).toBe(1);
    expect((await tasksOf(system.id)).find((t) => t.id === task.id)).toMatchObject({ status: 'decided', decision: 'approve' });
    await openTask(system.id, manager, 'business');
  });
});
