import { Client, Connection } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OMNIBUS_QUESTION, withOmnibusProhibition } from '@aigov/domain/questionnaire/digital-omnibus.example';
import { parseQuestionnaire } from '@aigov/domain/questionnaire/questionnaire.parser';
import type { QuestionnaireDefinition } from '@aigov/domain/questionnaire/questionnaire.types';
import { canonicalJson } from '@aigov/persistence/audit-chain';
import { answersFor } from '../../support/assessment-answers';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';
import { testDataConverter } from '../../support/temporal-data-converter';

const FILE = join(__dirname, '../../../config/questionnaire/impact-assessment.json');
const shipped = (): QuestionnaireDefinition => parseQuestionnaire(JSON.parse(readFileSync(FILE, 'utf8')));
const OMNIBUS = '2026-12.1';
const sha = (c: string) => `sha256:${c.repeat(64)}`;

/**
 * Laws change too: the impact assessment questionnaire as versioned data, on real parts (Temporal
 * dev server, PostgreSQL, SMTP capture, worker and API) with a policy whose re-assessments run in
 * seconds. The version file is in force at start; a new version with the Digital Omnibus's Art. 5
 * prohibition is drafted, previewed against the systems in service, approved by someone other
 * than its drafter, frozen with its hash, and asks the owners to re-assess, with a reminder, an
 * overdue notice and an escalation; answers keep the tier, find a prohibited practice, or change
 * the tier through a reclassification change, while every system keeps running. Bad input is
 * refused with its field and writes nothing.
 */
describe('versioned impact assessment questionnaire', () => {
  let h: Harness;
  let drafter: HarnessUser;
  let approver: HarnessUser;
  let auditor: HarnessUser;
  let ownerA: HarnessUser;
  let ownerB: HarnessUser;
  let ownerC: HarnessUser;
  let stranger: HarnessUser;
  const systems: Record<'a' | 'b' | 'c' | 'design', { id: string; path: string; name: string }> = {} as never;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/questionnaire-policy.yaml') });
    drafter = await h.createUser(['governance_office'], { name: 'Dora Drafter' });
    approver = await h.createUser(['governance_office'], { name: 'Abe Approver' });
    auditor = await h.createUser(['auditor']);
    ownerA = await h.createUser(['product_owner'], { name: 'Ann Owner' });
    ownerB = await h.createUser(['product_owner'], { name: 'Ben Owner' });
    ownerC = await h.createUser(['product_owner'], { name: 'Cem Owner' });
    stranger = await h.createUser(['product_owner']);
    systems.a = await operating(ownerA, 'limited', 'Chat assistant');
    systems.b = await operating(ownerB, 'high', 'Hiring ranker');
    systems.c = await operating(ownerC, 'minimal', 'Invoice sorter');
    const design = await h.api('POST', '/api/v1/ai-systems', { token: ownerA.token, body: { ...registrationBody('Draft idea'), accountableOwnerId: ownerA.user.id } });
    systems.design = { id: design.body.id, path: `/api/v1/ai-systems/${design.body.id}`, name: 'Draft idea' };
  });
  afterAll(async () => h?.stop());

  /** A system approved by the governance office and deployed as 1.0.0. */
  async function operating(owner: HarnessUser, tier: 'minimal' | 'limited' | 'high', name: string) {
    const system = await registerForApproval(h, owner, tier, { name });
    const task = await openTaskOf(h, system.id, approver);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);
    const deployed = await h.api('POST', `${system.path}/deployments`, {
      token: owner.token,
      body: { version: '1.0.0', environment: 'production', model: { name: name.toLowerCase().replace(/ /g, '-'), version: '1', checksum: sha('a') } },
    });
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    return system;
  }

  const api = (method: string, path: string, by: HarnessUser, body?: unknown) => h.api(method, path, { token: by.token, body });
  const refusal = (r: { status: number; body: { field?: string } }) => ({ status: r.status, field: r.body.field ?? '' });

  /**
   * Every table the harness counts plus this feature's, leaving out what the re-assessment
   * follow-up writes on its own timers (its notices and the systems' re-assessment audit
   * streams), so a refused request can be shown to write nothing while the timers run.
   */
  async function counts(): Promise<Record<string, number>> {
    const all = await h.rowCounts();
    const [own] = await h.dataSource.query(
      `SELECT (SELECT count(*) FROM questionnaire_versions)::int AS versions, (SELECT count(*) FROM questionnaire_reassessments)::int AS reassessments,
              (SELECT count(*) FROM audit_events WHERE stream_id NOT LIKE 'reassessment:%')::int AS audit,
              (SELECT count(*) FROM email_outbox WHERE idempotency_key NOT LIKE 'reassessment:%')::int AS mail`,
    );
    const { audit_events: _a, email_outbox: _e, ...rest } = all;
    return { ...rest, ...own };
  }

  it('has the version file in force, recorded as the version every existing assessment answered', async () => {
    const versions = await api('GET', '/api/v1/questionnaire/versions', ownerA);
    expect(versions.status).toBe(200);
    expect(versions.body).toMatchObject({ current: '2026-11.1', draft: null });
    const current = await api('GET', '/api/v1/questionnaire/versions/2026-11.1', ownerA);
    expect(current.body).toMatchObject({ version: '2026-11.1', status: 'published', source: 'file', questionCount: 21, ruleCount: 32 });
    expect(current.body.definition).toEqual(JSON.parse(JSON.stringify(shipped())));
    expect(current.body.sha256).toBe(createHash('sha256').update(canonicalJson(current.body.definition)).digest('hex'));
    expect((await api('GET', '/api/v1/impact-assessments/template', ownerA)).body.version).toBe('2026-11.1');
    const answered: Array<{ template_version: string }> = await h.dataSource.query('SELECT DISTINCT template_version FROM impact_assessments');
    expect(answered).toEqual([{ template_version: '2026-11.1' }]);
  });

  it('refuses bad drafts, a wrong role, an empty change and a past due date with the field, writing nothing', async () => {
    const base = shipped();
    const mutated = (change: (d: Record<string, any>) => void) => {
      const d = JSON.parse(JSON.stringify({ ...base, version: '2027-01.1' }));
      change(d);
      return { definition: d };
    };
    const before = await counts();
    const cases: Array<[Promise<{ status: number; body: { field?: string; message: string } }>, number, string]> = [
      [api('PUT', '/api/v1/questionnaire/draft', ownerA, mutated(() => undefined)), 403, ''],
      [api('PUT', '/api/v1/questionnaire/draft', auditor, mutated(() => undefined)), 403, ''],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, { definition: 'a file' }), 400, 'definition'],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, mutated((d) => (d.rules[0].when = { question: 'nope', equals: true }))), 422, 'definition.rules[0].when.question'],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, mutated((d) => (d.questions[1].id = d.questions[0].id))), 422, 'definition.questions[1].id'],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, mutated((d) => (d.questions[0].type = 'slider'))), 422, 'definition.questions[0].type'],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, mutated((d) => (d.version = 'v/2'))), 422, 'definition.version'],
      [api('PUT', '/api/v1/questionnaire/draft', drafter, mutated((d) => (d.version = '2026-11.1'))), 409, 'definition.version'],
      [api('POST', '/api/v1/questionnaire/impact', drafter, mutated((d) => delete d.otherwise)), 422, 'definition.otherwise'],
      [api('POST', '/api/v1/questionnaire/impact', ownerA, mutated(() => undefined)), 403, ''],
      [api('POST', '/api/v1/questionnaire/draft/publication', drafter, {}), 409, ''],
      [api('POST', '/api/v1/questionnaire/draft/publication', ownerA, {}), 403, ''],
      [api('DELETE', '/api/v1/questionnaire/draft', drafter), 404, ''],
      [api('GET', '/api/v1/questionnaire/versions/2030-01.1', ownerA), 404, 'version'],
      [api('GET', '/api/v1/questionnaire/versions/2026-11.1/diff/nope', ownerA), 404, 'b'],
      [api('GET', '/api/v1/questionnaire/versions/2026-11.1/impact', ownerA), 403, ''],
      [api('GET', '/api/v1/questionnaire/reassessments', ownerA), 403, 'mine'],
      [api('GET', '/api/v1/questionnaire/reassessments/00000000-0000-4000-8000-000000000000', ownerA), 404, 'id'],
      [api('POST', '/api/v1/questionnaire/reassessments/00000000-0000-4000-8000-000000000000/answers', ownerA, { answers: {} }), 404, 'id'],
    ];
    for (const [request, status, field] of cases) {
      const r = await request;
      expect({ status: r.status, field: r.body.field ?? '', reason: r.body.message }).toEqual({ status, field, reason: expect.any(String) });
    }
    expect(await counts()).toEqual(before);

    // The same questions under a new label: saved as a draft, but publishing it changes nothing.
    const same = await api('PUT', '/api/v1/questionnaire/draft', drafter, mutated(() => undefined));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: '2027-01.1', status: 'draft', basedOn: '2026-11.1', editorIds: [drafter.user.id] });
    const saved = await counts();
    const empty = await api('POST', '/api/v1/questionnaire/draft/publication', drafter, {});
    expect(refusal(empty)).toEqual({ status: 422, field: 'definition' });
    expect(empty.body.message).toMatch(/changes nothing from version 2026-11.1/);
    const past = await api('POST', '/api/v1/questionnaire/draft/publication', drafter, { dueAt: '2020-01-01T00:00:00.000Z' });
    expect(refusal(past)).toEqual({ status: 400, field: 'dueAt' });
    expect(refusal(await api('POST', '/api/v1/questionnaire/draft/publication', drafter, { dueAt: 'next month' }))).toEqual({ status: 400, field: 'dueAt' });
    expect(refusal(await api('POST', '/api/v1/questionnaire/draft/publication', drafter, { dueAt: '2099-01-01T00:00:00.000Z' }))).toEqual({ status: 400, field: 'dueAt' });
    expect(await counts()).toEqual(saved);
    expect((await api('DELETE', '/api/v1/questionnaire/draft', drafter)).status).toBe(204);
    expect((await api('GET', '/api/v1/questionnaire/versions', drafter)).body.draft).toBeNull();
  });

  it('previews the Art. 5 draft: every live system could become prohibited; a lenient rule would lower a tier', async () => {
    const omnibus = withOmnibusProhibition(shipped(), OMNIBUS);
    const saved = await api('PUT', '/api/v1/questionnaire/draft', drafter, { definition: omnibus });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: OMNIBUS, status: 'draft', questionCount: 22, ruleCount: 33 });

    const diff = await api('GET', `/api/v1/questionnaire/versions/2026-11.1/diff/${OMNIBUS}`, ownerA);
    expect(diff.body).toMatchObject({ from: '2026-11.1', to: OMNIBUS, empty: false, questions: { removed: [], changed: [] }, rules: { removed: [], changed: [] } });
    expect(diff.body.questions.added.map((q: { id: string }) => q.id)).toEqual([OMNIBUS_QUESTION.id]);
    expect(diff.body.rules.added).toEqual([expect.objectContaining({ id: OMNIBUS_QUESTION.id, tier: 'prohibited' })]);

    const impact = await api('GET', `/api/v1/questionnaire/versions/${OMNIBUS}/impact`, approver);
    expect(impact.status).toBe(200);
    // Three systems in operation; the one in design has no tier in force and answers the current version when it is assessed.
    expect(impact.body).toMatchObject({ version: OMNIBUS, against: '2026-11.1', evaluated: 3, total: 3 });
    const byName = Object.fromEntries(impact.body.items.map((s: { name: string }) => [s.name, s]));
    expect(byName['Chat assistant']).toMatchObject({ fromTier: 'limited', lowestTier: 'limited', highestTier: 'prohibited', certain: false, decidingQuestions: [OMNIBUS_QUESTION.id], ownerId: ownerA.user.id });
    expect(byName['Hiring ranker']).toMatchObject({ fromTier: 'high', lowestTier: 'high', highestTier: 'prohibited' });
    expect(byName['Invoice sorter']).toMatchObject({ fromTier: 'minimal', lowestTier: 'minimal', highestTier: 'prohibited' });
    expect(impact.body.items.map((s: { systemId: string }) => s.systemId)).not.toContain(systems.design.id);

    // Unsaved: without the Art. 50(1) rule the chat assistant would be minimal, with nothing to ask.
    const lenient = { ...shipped(), version: '2027-02.1', rules: shipped().rules.filter((r) => r.id !== 'art50_interacts_with_people') };
    const before = await counts();
    const preview = await api('POST', '/api/v1/questionnaire/impact', drafter, { definition: lenient });
    expect(preview.body).toMatchObject({ version: '2027-02.1', total: 1, items: [{ name: 'Chat assistant', fromTier: 'limited', lowestTier: 'minimal', highestTier: 'minimal', certain: true, decidingQuestions: [] }] });
    expect(preview.body.diff.rules.removed.map((r: { id: string }) => r.id)).toEqual(['art50_interacts_with_people']);
    expect(await counts()).toEqual(before);
  });

  it('publishes after another person approves, asks the owners to re-assess with reminders, overdue notices and escalation, while the systems keep running', async () => {
    const submitted = await api('POST', '/api/v1/questionnaire/draft/publication', drafter, {});
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ version: OMNIBUS, round: 1, status: 'in_approval', workflowId: `questionnaire-publication:${OMNIBUS}:1` });
    const [version] = await h.dataSource.query('SELECT id FROM questionnaire_versions WHERE version = $1', [OMNIBUS]);
    expect(refusal(await api('PUT', '/api/v1/questionnaire/draft', drafter, { definition: withOmnibusProhibition(shipped(), OMNIBUS) }))).toEqual({ status: 409, field: '' });

    // The round asks the governance office but not the drafter, who may not approve.
    const task = await waitUntil(
      async () => (await h.dataSource.query(`SELECT id, assignee_id FROM tasks WHERE subject_kind = 'questionnaire' AND subject_id = $1 AND status = 'open'`, [version.id]))[0],
      30_000,
      'the publication round’s task',
    );
    const asked: Array<{ assignee_id: string }> = await h.dataSource.query(`SELECT assignee_id FROM tasks WHERE subject_id = $1`, [version.id]);
    expect(asked.map((t) => t.assignee_id)).toEqual([approver.user.id]);
    const prompt = await h.mail.waitFor((m) => m.to.includes(approver.user.email) && m.subject.includes(`questionnaire version ${OMNIBUS}`), 30_000);
    expect(prompt.subject).toBe(`Action needed: approve "Impact assessment questionnaire version ${OMNIBUS}"`);
    expect((await api('POST', `/api/v1/tasks/${task.id}/decision`, drafter, { decision: 'approve' })).status).toBe(403);
    const approved = await api('POST', `/api/v1/tasks/${task.id}/decision`, approver, { decision: 'approve' });
    expect(approved.status).toBe(200);

    // Frozen with its hash and in force; the earlier version superseded; audited.
    const published = await api('GET', `/api/v1/questionnaire/versions/${OMNIBUS}`, ownerA);
    expect(published.body).toMatchObject({ status: 'published', approvalRound: 1, reassessments: { requested: 3, open: 3 } });
    expect(published.body.sha256).toBe(createHash('sha256').update(canonicalJson(published.body.definition)).digest('hex'));
    expect((await api('GET', '/api/v1/questionnaire/versions', ownerA)).body).toMatchObject({ current: OMNIBUS, draft: null });
    expect((await api('GET', '/api/v1/impact-assessments/template', ownerA)).body.questions.map((q: { id: string }) => q.id)).toContain(OMNIBUS_QUESTION.id);
    const stream: Array<{ event_type: string; payload: Record<string, unknown> }> = await h.dataSource.query(
      `SELECT event_type, payload FROM audit_events WHERE stream_id = 'questionnaire' ORDER BY seq`,
    );
    expect(stream.map((e) => e.event_type)).toEqual(expect.arrayContaining(['questionnaire.draft_saved', 'questionnaire.submitted', 'questionnaire.published']));
    // The file's version was published at start (source file); this one through its round.
    expect(stream.filter((e) => e.event_type === 'questionnaire.published').map((e) => e.payload)).toEqual([
      expect.objectContaining({ version: '2026-11.1', source: 'file' }),
      expect.objectContaining({ version: OMNIBUS, replaces: '2026-11.1', sha256: published.body.sha256, evaluated: 3, reassessmentsRequested: 3 }),
    ]);

    // The systems keep running on their approved version and tier.
    for (const [s, tier] of [[systems.a, 'limited'], [systems.b, 'high'], [systems.c, 'minimal']] as const) {
      expect((await api('GET', s.path, approver)).body).toMatchObject({ stage: 'operation', riskTier: tier, currentVersion: '1.0.0' });
    }

    // Each owner is asked by email, in their inbox and on the system's page, with the due date.
    for (const [owner, system] of [[ownerA, systems.a], [ownerB, systems.b], [ownerC, systems.c]] as const) {
      const mail = await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.startsWith('Re-assess by'), 30_000);
      expect(mail.subject).toContain(`questionnaire ${OMNIBUS}`);
      expect(mail.text).toContain(OMNIBUS_QUESTION.text);
      expect(mail.text).toContain(`/systems/${system.id}/reassessment`);
      const mine = await api('GET', '/api/v1/questionnaire/reassessments?mine=true', owner);
      expect(mine.body.items).toEqual([expect.objectContaining({ aiSystemId: system.id, questionnaireVersion: OMNIBUS, state: 'open', decidingQuestions: [OMNIBUS_QUESTION.id] })]);
    }
    const requests = (await api('GET', `/api/v1/questionnaire/reassessments?version=${OMNIBUS}`, approver)).body.items as Array<{ id: string; aiSystemId: string; dueAt: string; requestedAt: string }>;
    const requestOf = (systemId: string) => requests.find((r) => r.aiSystemId === systemId)!;
    // Due the policy's 45 s after publication (shortened for the test).
    expect(new Date(requestOf(systems.a.id).dueAt).getTime() - new Date(requestOf(systems.a.id).requestedAt).getTime()).toBe(45_000);

    // Bad answers are refused with the field; nothing is written.
    const omnibusAnswers = (tier: 'minimal' | 'limited' | 'high', prohibited: boolean) => ({ ...answersFor(tier), [OMNIBUS_QUESTION.id]: prohibited });
    const answer = (by: HarnessUser, systemId: string, answers: Record<string, unknown>) => api('POST', `/api/v1/questionnaire/reassessments/${requestOf(systemId).id}/answers`, by, { answers });
    const before = await counts();
    expect(refusal(await answer(ownerA, systems.a.id, answersFor('limited')))).toEqual({ status: 400, field: `answers.${OMNIBUS_QUESTION.id}` });
    expect(refusal(await answer(ownerA, systems.a.id, { ...omnibusAnswers('limited', false), colour: 'blue' }))).toEqual({ status: 400, field: 'answers.colour' });
    expect(refusal(await answer(ownerA, systems.a.id, { ...omnibusAnswers('limited', false), [OMNIBUS_QUESTION.id]: 'no' }))).toEqual({ status: 400, field: `answers.${OMNIBUS_QUESTION.id}` });
    expect(refusal(await answer(stranger, systems.a.id, omnibusAnswers('limited', false)))).toEqual({ status: 403, field: '' });
    expect(refusal(await answer(ownerB, systems.a.id, omnibusAnswers('limited', false)))).toEqual({ status: 403, field: '' });
    expect(await counts()).toEqual(before);

    // Ann: the tier stays limited: recorded as the next assessment, on the new version.
    const preview = await api('POST', `/api/v1/questionnaire/reassessments/${requestOf(systems.a.id).id}/preview`, ownerA, { answers: omnibusAnswers('limited', false) });
    expect(preview.body).toMatchObject({ riskTier: 'limited', fromTier: 'limited', path: 'unchanged', unanswered: [] });
    const kept = await answer(ownerA, systems.a.id, omnibusAnswers('limited', false));
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ outcome: 'unchanged', riskTier: 'limited', assessmentVersion: 2, materialChange: null, request: { state: 'completed', outcome: 'unchanged' } });
    const [recorded] = await h.dataSource.query('SELECT template_version, risk_tier FROM impact_assessments WHERE ai_system_id = $1 AND version = 2', [systems.a.id]);
    expect(recorded).toEqual({ template_version: OMNIBUS, risk_tier: 'limited' });
    expect(refusal(await answer(ownerA, systems.a.id, omnibusAnswers('limited', false)))).toEqual({ status: 409, field: '' });

    // Ben: a prohibited practice. The reclassification is refused, the system keeps running, the governance office is told.
    const found = await answer(ownerB, systems.b.id, omnibusAnswers('high', true));
    expect(found.body).toMatchObject({ outcome: 'prohibited', riskTier: 'prohibited', materialChange: { status: 'rejected' } });
    expect((await api('GET', systems.b.path, ownerB)).body).toMatchObject({ stage: 'operation', riskTier: 'high', currentVersion: '1.0.0', pendingChange: null });
    for (const gov of [drafter, approver]) {
      const told = await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.startsWith('Prohibited practice found'), 30_000);
      expect(told.text).toContain('Hiring ranker');
    }

    // Cem does not answer: reminded before the due date, told when it passes, and the governance office hears of it.
    const reminder = await h.mail.waitFor((m) => m.to.includes(ownerC.user.email) && m.subject.startsWith('Reminder: re-assess'), 60_000);
    expect(reminder.text).toContain('Invoice sorter');
    expect(h.mail.messages().some((m) => m.to.includes(ownerA.user.email) && m.subject.startsWith('Reminder'))).toBe(false);
    const overdue = await h.mail.waitFor((m) => m.to.includes(ownerC.user.email) && m.subject.startsWith('Overdue:'), 60_000);
    expect(overdue.text).toContain('The governance office sees them as overdue');
    const listed = await api('GET', '/api/v1/questionnaire/reassessments?state=overdue', auditor);
    expect(listed.body.items).toEqual([expect.objectContaining({ aiSystemId: systems.c.id, state: 'overdue', ownerName: 'Cem Owner' })]);
    expect((await api('GET', '/api/v1/questionnaire/reassessments/summary', drafter)).body).toMatchObject({ open: 1, overdue: 1, prohibited: 1 });
    const escalation = await h.mail.waitFor((m) => m.to.includes(approver.user.email) && m.subject.startsWith('Escalated: 1 re-assessment'), 60_000);
    expect(escalation.text).toContain('Invoice sorter (owner: Cem Owner)');
    expect((await api('GET', systems.c.path, ownerC)).body).toMatchObject({ stage: 'operation', riskTier: 'minimal', currentVersion: '1.0.0' });
    const trail: Array<{ event_type: string }> = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`reassessment:${systems.c.id}`]);
    expect(trail.map((e) => e.event_type)).toEqual(['reassessment.requested', 'reassessment.overdue', 'reassessment.escalated']);

    // Cem answers late: the tier changes, so a reclassification change goes to approval; version 1.0.0 keeps running.
    const late = await answer(ownerC, systems.c.id, { ...omnibusAnswers('minimal', false), art50_interacts_with_people: true });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ outcome: 'change_proposed', riskTier: 'limited', materialChange: { version: `1.0.0+q${OMNIBUS}`, status: 'approval' } });
    const [change] = await h.dataSource.query('SELECT kinds, status, running_version FROM material_changes WHERE id = $1', [late.body.materialChange.id]);
    expect(change).toEqual({ kinds: ['reclassification'], status: 'approval', running_version: '1.0.0' });
    expect((await api('GET', systems.c.path, ownerC)).body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0', pendingChange: { kinds: ['reclassification'], status: 'approval' } });
    const changeTask = await openTaskOf(h, systems.c.id, approver);
    expect((await api('POST', `/api/v1/tasks/${changeTask.id}/decision`, approver, { decision: 'approve' })).status).toBe(200);
    const redeployed = await api('POST', `${systems.c.path}/deployments`, ownerC, { version: `1.0.0+q${OMNIBUS}`, environment: 'production' });
    expect(redeployed.body).toMatchObject({ stage: 'operation', riskTier: 'limited', currentVersion: `1.0.0+q${OMNIBUS}` });

    // The last answer ends the follow-up; both workflows leave histories to replay.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, dataConverter: testDataConverter() });
      await expect(client.workflow.getHandle(`questionnaire-reassessments:${OMNIBUS}`).result()).resolves.toEqual({ requestsOpenAtEnd: 0 });
      await expect(client.workflow.getHandle(`questionnaire-publication:${OMNIBUS}:1`).result()).resolves.toMatchObject({ outcome: 'approved', requests: 3, sha256: published.body.sha256 });
    } finally {
      await connection.close();
    }
    expect((await api('GET', '/api/v1/audit/verify', auditor)).body).toMatchObject({ ok: true });
    await saveServerHistoryForReplay(`questionnaire-publication:${OMNIBUS}:1`, 'questionnaire-publication-approved');
    await saveServerHistoryForReplay(`questionnaire-reassessments:${OMNIBUS}`, 'questionnaire-reassessments-reminded-overdue-escalated');
    await saveServerHistoryForReplay(`ai-system:${systems.a.id}`, 'lifecycle-reassessment-recorded');
  });
});
