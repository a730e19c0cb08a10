import { answersFor, baselineAnswers } from '../../support/assessment-answers';
import { openTaskOf, registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';

/**
 * What the product owner's screens ask of the API beyond the lifecycle requests: the tier and
 * reasons an assessment would give before it is submitted (and nothing written), what the
 * owner may do in the current stage, and who holds the open tasks.
 */
describe('impact assessment preview and the system page’s reads', () => {
  let h: Harness;
  let owner: HarnessUser;
  let otherOwner: HarnessUser;
  let governance: HarnessUser;
  let auditor: HarnessUser;
  let systemId: string;
  let path: string;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    owner = await h.createUser(['product_owner'], { name: 'Petra Owner' });
    otherOwner = await h.createUser(['product_owner'], { name: 'Otto Owner' });
    governance = await h.createUser(['governance_office'], { name: 'Greta Governance' });
    auditor = await h.createUser(['auditor'], { name: 'Anton Auditor' });
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: registrationBody('Order chatbot') });
    expect(created.status).toBe(201);
    systemId = created.body.id;
    path = `/api/v1/ai-systems/${systemId}`;
  }, 60_000);
  afterAll(async () => h?.stop());

  const preview = (token: string, answers: unknown) => h.api('POST', `${path}/impact-assessments/preview`, { token, body: { answers } });

  it('gives the tier and every reason with its reference before submitting, writing nothing', async () => {
    const before = await h.rowCounts();
    const chatbot = { ...answersFor('limited'), vulnerable_groups: ['children'] };
    const shown = await preview(owner.token, chatbot);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ templateVersion: expect.any(String), riskTier: 'limited', unanswered: [] });
    expect(shown.body.reasons.map((r: { code: string }) => r.code)).toEqual(['art50.interacts_with_people', 'context.vulnerable_groups']);
    expect(shown.body.reasons[0].reference).toBe('EU AI Act Art. 50(1)');

    // Incomplete answers (a questionnaire being filled in): the tier so far and what is missing.
    const partial = await preview(owner.token, { annex3_area: 'employment' });
    expect(partial.status).toBe(200);
    expect(partial.body.riskTier).toBe('high');
    expect(partial.body.reasons[0]).toMatchObject({ code: 'annex3.employment', reference: 'EU AI Act Art. 6(2), Annex III point 4' });
    expect(partial.body.unanswered).toContain('art5_social_scoring');
    expect(partial.body.unanswered).not.toContain('annex3_area');
    expect(partial.body.unanswered).not.toContain('vulnerable_groups'); // optional

    // The system is still in design: the preview neither moved it nor stored anything.
    expect(await h.rowCounts()).toEqual(before);
    expect((await h.api('GET', path, { token: owner.token })).body.stage).toBe('design');

    // What the submission records is what the preview showed.
    expect((await h.api('POST', `${path}/submit`, { token: owner.token })).status).toBe(201);
    const submitted = await h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: chatbot } });
    expect(submitted.status).toBe(201);
    expect({ riskTier: submitted.body.riskTier, reasons: submitted.body.reasons }).toEqual({ riskTier: shown.body.riskTier, reasons: shown.body.reasons });
    // the round's first task and then its prompt (action link, mail) are written after the
    // answer: wait for both, so later row counts hold still
    const task = await openTaskOf(h, systemId, governance);
    await waitUntil(
      async () => {
        const [{ sent }] = await h.dataSource.query(`SELECT count(*)::int AS sent FROM email_outbox WHERE task_id = $1 AND status = 'sent'`, [task.id]);
        return sent > 0 ? true : undefined;
      },
      20_000,
      'the first task’s prompt to be sent',
    );
  }, 60_000);

  it('refuses malformed answers naming the question, and people who may not submit', async () => {
    const before = await h.rowCounts();
    const wrongType = await preview(owner.token, { ...baselineAnswers(), art5_social_scoring: 'no' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ statusCode: 400, field: 'answers.art5_social_scoring' });
    const unknown = await preview(owner.token, { favourite_colour: 'blue' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('answers.favourite_colour');
    const notAnObject = await preview(owner.token, ['yes']);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.field).toBe('answers');

    expect((await preview(otherOwner.token, baselineAnswers())).status).toBe(403);
    // an auditor reads the system but does not act on it
    expect((await preview(auditor.token, baselineAnswers())).status).toBe(403);
    expect((await preview(governance.token, baselineAnswers())).status).toBe(200);
    expect((await h.api('POST', '/api/v1/ai-systems/00000000-0000-4000-8000-000000000000/impact-assessments/preview', { token: owner.token, body: { answers: {} } })).status).toBe(404);
    expect(await h.rowCounts()).toEqual(before);
  });

  it('names who holds each open task and what the caller may do now', async () => {
    const task = await openTaskOf(h, systemId, governance);
    const detail = await h.api('GET', path, { token: owner.token });
    expect(detail.status).toBe(200);
    expect(detail.body.stage).toBe('approval');
    expect(detail.body.openTasks).toEqual([
      expect.objectContaining({ id: task.id, assignee: { id: governance.user.id, name: 'Greta Governance', email: governance.user.email } }),
    ]);
    // Waiting for approval, the owner has nothing to do but may not retire either (the table: retire not from approval).
    expect(detail.body.availableActions).toEqual([]);

    const fresh = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: registrationBody('Invoice reader') });
    const design = await h.api('GET', `/api/v1/ai-systems/${fresh.body.id}`, { token: owner.token });
    expect(design.body.availableActions).toEqual(['submit_for_assessment', 'start_retirement']);
    // The governance office may act on any system; an auditor reads it with no actions.
    expect((await h.api('GET', `/api/v1/ai-systems/${fresh.body.id}`, { token: governance.token })).body.availableActions).toEqual([
      'submit_for_assessment',
      'start_retirement',
    ]);
    expect((await h.api('GET', `/api/v1/ai-systems/${fresh.body.id}`, { token: auditor.token })).body.availableActions).toEqual([]);
  }, 60_000);
});
