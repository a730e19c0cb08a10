import { join } from 'node:path';
import { answersFor } from '../../support/assessment-answers';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

/** A request resent with the same Idempotency-Key (after a lost answer) acts once. */
describe('Idempotency-Key', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/approval-policy.yaml') });
  });
  afterAll(async () => h?.stop());

  it('registers once, submits once and decides once however often a request is resent', async () => {
    const manager = await h.createUser(['approver']);
    const owner = await h.createUser(['product_owner'], { managerId: manager.user.id });
    const gov = await h.createUser(['governance_office']);
    const send = (method: string, path: string, key: string, body?: unknown, token = owner.token) =>
      h.api(method, path, { token, body, headers: { 'idempotency-key': key } });

    const body = registrationBody(`Idempotent ${Date.now()}`);
    const first = await send('POST', '/api/v1/ai-systems', 'register-1', body);
    const again = await send('POST', '/api/v1/ai-systems', 'register-1', body);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    // The same key from another person is another request.
    const otherOwner = await h.createUser(['product_owner']);
    const theirs = await send('POST', '/api/v1/ai-systems', 'register-1', body, otherOwner.token);
    expect(theirs.body.id).not.toBe(first.body.id);
    const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM ai_systems WHERE name = $1', [body.name]);
    expect(n).toBe(2);

    const path = `/api/v1/ai-systems/${first.body.id}`;
    expect((await send('POST', `${path}/submit`, 'submit-1')).status).toBe(201);
    expect((await send('POST', `${path}/submit`, 'submit-1')).status).toBe(201);
    // A new key is a new request: submitting again is not allowed in this stage.
    expect((await send('POST', `${path}/submit`, 'submit-2')).status).toBe(409);
    expect((await send('POST', `${path}/impact-assessments`, 'assess-1', { answers: answersFor('limited') })).status).toBe(201);

    const task = await openTaskOf(h, first.body.id, gov);
    const decide = () => send('POST', `/api/v1/tasks/${task.id}/decision`, 'decide-1', { decision: 'approve' }, gov.token);
    expect((await decide()).status).toBe(200);
    expect((await decide()).status).toBe(200);
    const [{ decided }] = await h.dataSource.query(
      `SELECT count(*)::int AS decided FROM audit_events WHERE event_type = 'approval.decided' AND payload->>'taskId' = $1`,
      [task.id],
    );
    expect(decided).toBe(1);
    const stages: Array<{ to_stage: string }> = await h.dataSource.query('SELECT to_stage FROM stage_transitions WHERE ai_system_id = $1 ORDER BY seq', [first.body.id]);
    expect(stages.map((s) => s.to_stage)).toEqual(['design', 'impact_assessment', 'approval']);
    // Let the round's next step settle, so the next test's row counts are stable.
    await waitUntil(async () => (await h.dataSource.query(`SELECT id FROM tasks WHERE assignee_id = $1`, [manager.user.id]))[0], 30_000);
    await waitUntil(async () => (await h.dataSource.query(`SELECT 1 FROM email_outbox WHERE to_address = $1 AND status = 'sent'`, [manager.user.email]))[0], 30_000);
  });

  it('refuses a malformed key before doing anything', async () => {
    const owner = await h.createUser(['product_owner']);
    const before = await h.rowCounts();
    for (const key of ['has space', 'x'.repeat(201), 'ünïcode']) {
      const r = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: registrationBody('Bad key'), headers: { 'idempotency-key': key } });
      expect({ status: r.status, field: r.body.field }).toEqual({ status: 400, field: 'Idempotency-Key' });
    }
    expect(await h.rowCounts()).toEqual(before);
  });
});
