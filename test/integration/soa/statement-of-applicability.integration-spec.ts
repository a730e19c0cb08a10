import { createHash } from 'node:crypto';
import { canonicalJson } from '@aigov/persistence/audit-chain';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';
import { saveServerHistoryForReplay } from '../../workflows/history-recorder';

interface Control {
  framework: 'iso42001' | 'iso27001';
  ref: string;
}

/**
 * The Statement of Applicability as a governed document, on real parts (Temporal dev server,
 * PostgreSQL, SMTP capture, worker and API, the shipped policy without a `soa` section, so the
 * default governance-office round): drafted, its publication refused to its editors, approved by
 * someone else, frozen with its hash, audited, and a second version diffed against the first.
 */
describe('Statement of Applicability', () => {
  let h: Harness;
  let submitter: HarnessUser;
  let editor: HarnessUser;
  let approver: HarnessUser;
  let owner: HarnessUser;
  let reader: HarnessUser;
  let controls: Control[];

  beforeAll(async () => {
    h = await startGovernanceHarness();
    submitter = await h.createUser(['governance_office'], { name: 'Sue Submitter' });
    editor = await h.createUser(['governance_office'], { name: 'Ed Editor' });
    approver = await h.createUser(['governance_office'], { name: 'Ann Approver' });
    owner = await h.createUser(['security_officer'], { name: 'Otto Owner' });
    reader = await h.createUser(['product_owner']);
    controls = [];
    for (const framework of ['iso42001', 'iso27001'] as const) {
      const page = await h.api('GET', `/api/v1/controls?framework=${framework}&pageSize=200`, { token: reader.token });
      controls.push(...page.body.items.map((c: { ref: string }) => ({ framework, ref: c.ref })));
    }
  });
  afterAll(async () => h?.stop());

  const put = (by: HarnessUser, c: Control, body: Record<string, unknown>) =>
    h.api('PUT', `/api/v1/soa/entries/${c.framework}/${c.ref}`, { token: by.token, body });
  const decision = (c: Control, i: number) =>
    i % 10 === 9
      ? { applicable: false, justification: `${c.ref} is outside our scope: no such activity`, implementationStatus: 'not_started' }
      : { applicable: true, justification: `${c.ref} treats risks of our AI systems`, implementationStatus: 'partial', ownerId: owner.user.id, riskIds: ['R-1'] };
  const soaTask = (user: HarnessUser, versionId: string, round: number) =>
    waitUntil(
      async () =>
        (
          await h.dataSource.query(
            `SELECT id, title, subject_kind, ai_system_id FROM tasks WHERE subject_kind = 'soa' AND subject_id = $1 AND round = $2 AND assignee_id = $3 AND status = 'open'`,
            [versionId, round, user.user.id],
          )
        )[0],
      30_000,
      `an SoA task for ${user.user.email}`,
    );
  const soaStream = async (): Promise<Array<{ event_type: string; payload: Record<string, unknown>; actor_id: string | null }>> =>
    h.dataSource.query(`SELECT event_type, payload, actor_id FROM audit_events WHERE stream_id = 'soa' ORDER BY seq`);
  const promptsSent = (versionId: string) =>
    waitUntil(
      async () => {
        const [{ waiting }] = await h.dataSource.query(
          `SELECT count(*)::int AS waiting FROM tasks t WHERE t.subject_id = $1 AND t.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.task_id = t.id AND o.status = 'sent')`,
          [versionId],
        );
        return waiting === 0 ? true : undefined;
      },
      30_000,
      'the prompts of the publication round',
    );

  it('is drafted, refused to its editors, approved by someone else, frozen with its hash and audited; a second version is diffed against the first', async () => {
    expect(controls.length).toBe(38 + 93);
    const [first, second, third] = controls;

    // Everyone signed in reads it; only the governance office (or an admin) edits and submits.
    const empty = await h.api('GET', '/api/v1/soa?framework=iso42001', { token: reader.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ draft: { id: null, version: 1, status: 'draft' }, currentVersion: null, undecided: 131, total: 38 });
    expect((await put(reader, first, decision(first, 0))).status).toBe(403);
    expect((await h.api('POST', '/api/v1/soa/publication', { token: reader.token })).status).toBe(403);

    // Bad entries: 400 with the field, 404 for an unknown control; nothing written.
    const inactive = await h.createUser(['risk_officer']);
    expect((await h.api('PATCH', `/api/v1/users/${inactive.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    const before = await h.rowCounts();
    const refusals: Array<[Promise<{ status: number; body: { field?: string } }>, number, string]> = [
      [put(editor, first, { applicable: false, implementationStatus: 'not_started' }), 400, 'justification'],
      [put(editor, first, { applicable: false, justification: '   ', implementationStatus: 'not_started' }), 400, 'justification'],
      [put(editor, first, { applicable: true, justification: 'x', implementationStatus: 'done' }), 400, 'implementationStatus'],
      [put(editor, first, { applicable: true, justification: 'x', implementationStatus: 'planned', ownerId: inactive.user.id }), 400, 'ownerId'],
      [put(editor, { framework: 'iso42001', ref: 'A.99.1' }, decision(first, 0)), 404, 'ref'],
      [put(editor, { framework: 'nist' as 'iso42001', ref: 'A.5.1' }, decision(first, 0)), 404, 'framework'],
      [h.api('POST', '/api/v1/soa/publication', { token: submitter.token }), 409, ''],
    ];
    for (const [request, status, field] of refusals) {
      const r = await request;
      expect({ status: r.status, field: r.body.field ?? '' }).toEqual({ status, field });
    }
    expect(await h.rowCounts()).toEqual(before);

    // The submitter drafts every control but one; the editor decides the last one.
    for (const [i, c] of controls.entries()) {
      if (i === 2) continue;
      const r = await put(submitter, c, decision(c, i));
      expect(r.status).toBe(200);
    }
    const incomplete = await h.api('POST', '/api/v1/soa/publication', { token: submitter.token });
    expect({ status: incomplete.status, field: incomplete.body.field }).toEqual({ status: 400, field: 'entries' });
    expect(incomplete.body.message).toContain(`${third.framework} ${third.ref}`);
    expect((await put(editor, third, decision(third, 2))).body).toMatchObject({ framework: third.framework, ref: third.ref, decided: true, applicable: true });

    const draft = await h.api('GET', '/api/v1/soa?undecided=true', { token: reader.token });
    expect(draft.body).toMatchObject({ undecided: 0, total: 0, draft: { version: 1, status: 'draft' } });
    expect(draft.body.draft.editorIds.sort()).toEqual([submitter.user.id, editor.user.id].sort());
    const versionId: string = draft.body.draft.id;

    // Submitted: the round runs the default `soa` policy; neither editor is asked.
    const submitted = await h.api('POST', '/api/v1/soa/publication', { token: submitter.token });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ version: 1, round: 1, status: 'in_approval', workflowId: 'soa-publication:1:1' });
    const task = await soaTask(approver, versionId, 1);
    expect(task).toMatchObject({ subject_kind: 'soa', ai_system_id: null, title: 'Approve "Statement of Applicability version 1" (round 1, step governance)' });
    const asked: Array<{ assignee_id: string }> = await h.dataSource.query(`SELECT assignee_id FROM tasks WHERE subject_id = $1`, [versionId]);
    expect(asked.map((t) => t.assignee_id)).not.toContain(submitter.user.id);
    expect(asked.map((t) => t.assignee_id)).not.toContain(editor.user.id);
    const [started] = await h.dataSource.query(
      `SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'approval.step_started'`,
      [`approval:soa:${versionId}:1`],
    );
    expect(started.payload.notAsked).toEqual(
      expect.arrayContaining([
        { email: submitter.user.email, reason: 'submitter' },
        { email: editor.user.email, reason: 'document_editor' },
      ]),
    );
    const mail = await h.mail.waitFor((m) => m.to.includes(approver.user.email) && m.subject.includes('Statement of Applicability version 1'), 30_000);
    expect(mail.subject).toBe('Action needed: approve "Statement of Applicability version 1"');
    expect(mail.text).not.toMatch(/Risk tier/);
    const inbox = await h.api('GET', `/api/v1/tasks/${task.id}`, { token: approver.token });
    expect(inbox.body).toMatchObject({ subjectKind: 'soa', subjectId: versionId, aiSystemId: null });

    // In approval: no edits, no second submission; the editors may neither decide nor be delegated to.
    await promptsSent(versionId);
    const frozen = await h.rowCounts();
    const edit = await put(editor, first, { ...decision(first, 0), justification: 'changed my mind' });
    expect(edit.status).toBe(409);
    expect((await h.api('POST', '/api/v1/soa/publication', { token: submitter.token })).status).toBe(409);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: editor.token, body: { decision: 'approve' } })).status).toBe(403);
    const delegated = await h.api('POST', `/api/v1/tasks/${task.id}/delegate`, { token: approver.token, body: { delegateId: editor.user.id, reason: 'you know it best' } });
    expect({ status: delegated.status, field: delegated.body.field }).toEqual({ status: 403, field: 'delegateId' });
    expect(delegated.body.message).toMatch(/edited a document/);
    const toSubmitter = await h.api('POST', `/api/v1/tasks/${task.id}/delegate`, { token: approver.token, body: { delegateId: submitter.user.id, reason: 'you know it best' } });
    expect({ status: toSubmitter.status, field: toSubmitter.body.field }).toEqual({ status: 403, field: 'delegateId' });
    expect(await h.rowCounts()).toEqual(frozen);

    // Approved by someone else: frozen, hashed, current, audited.
    const approved = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ system: null, subjectName: 'Statement of Applicability version 1', task: { decision: 'approve' } });
    const v1 = await h.api('GET', '/api/v1/soa/versions/1', { token: reader.token });
    expect(v1.body).toMatchObject({ version: 1, status: 'published', approvalRound: 1 });
    expect(v1.body.entries).toHaveLength(131);
    expect(v1.body.sha256).toBe(createHash('sha256').update(canonicalJson(v1.body.document)).digest('hex'));
    expect(v1.body.document.entries).toHaveLength(131);
    const published = (await soaStream()).find((e) => e.event_type === 'soa.published');
    expect(published?.payload).toMatchObject({ version: 1, sha256: v1.body.sha256, applicable: 118, excluded: 13 });
    expect((await soaStream()).map((e) => e.event_type)).toEqual(expect.arrayContaining(['soa.entry_updated', 'soa.submitted', 'soa.published']));
    expect((await h.api('GET', '/api/v1/audit/verify', { token: approver.token })).body).toMatchObject({ ok: true });
    await saveServerHistoryForReplay('soa-publication:1:1', 'soa-publication-approved');
    await saveServerHistoryForReplay(`approval:soa:${versionId}:1`, 'soa-approval-round-with-editors-excluded');

    // Version 2: edits start a new draft from version 1; a change request hands it back, then it is approved.
    expect((await put(editor, first, { applicable: false, justification: 'we stopped developing AI in house', implementationStatus: 'not_started' })).status).toBe(200);
    expect((await put(editor, second, { ...decision(second, 1), implementationStatus: 'implemented', evidenceNotes: 'policy v2 on the intranet' })).status).toBe(200);
    expect((await put(editor, third, decision(third, 2))).status).toBe(200); // unchanged: nothing written
    const v2Draft = await h.api('GET', '/api/v1/soa', { token: reader.token });
    expect(v2Draft.body).toMatchObject({ currentVersion: 1, undecided: 0, draft: { version: 2, status: 'draft', editorIds: [editor.user.id] } });
    const v2Id: string = v2Draft.body.draft.id;
    expect((await h.api('POST', '/api/v1/soa/publication', { token: editor.token })).status).toBe(202);
    const sent = await soaTask(approver, v2Id, 1);
    const back = await h.api('POST', `/api/v1/tasks/${sent.id}/decision`, { token: approver.token, body: { decision: 'request_changes', comment: 'say which risk the exclusion leaves untreated' } });
    expect(back.status).toBe(200);
    const returned = await h.api('GET', '/api/v1/soa/versions/2', { token: reader.token });
    expect(returned.body).toMatchObject({ status: 'draft', sha256: null, lastOutcome: { round: 1, outcome: 'changes_requested', reason: 'say which risk the exclusion leaves untreated' } });
    expect((await put(editor, first, { applicable: false, justification: 'no in-house AI development; risk R-9 accepted instead', implementationStatus: 'not_started' })).status).toBe(200);
    const resubmitted = await h.api('POST', '/api/v1/soa/publication', { token: editor.token });
    expect(resubmitted.body).toMatchObject({ version: 2, round: 2, workflowId: 'soa-publication:2:2' });
    const again = await soaTask(approver, v2Id, 2);
    expect((await h.api('POST', `/api/v1/tasks/${again.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);

    const versions = await h.api('GET', '/api/v1/soa/versions', { token: reader.token });
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const diff = await h.api('GET', '/api/v1/soa/versions/1/diff/2', { token: reader.token });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2, added: [], removed: [] });
    expect(diff.body.changed).toEqual([
      {
        framework: first.framework,
        ref: first.ref,
        changes: [
          { field: 'applicable', from: true, to: false },
          { field: 'justification', from: `${first.ref} treats risks of our AI systems`, to: 'no in-house AI development; risk R-9 accepted instead' },
          { field: 'implementationStatus', from: 'partial', to: 'not_started' },
          { field: 'ownerId', from: owner.user.id, to: null },
          { field: 'riskIds', from: ['R-1'], to: [] },
        ],
      },
      {
        framework: second.framework,
        ref: second.ref,
        changes: [
          { field: 'implementationStatus', from: 'partial', to: 'implemented' },
          { field: 'evidenceNotes', from: null, to: 'policy v2 on the intranet' },
        ],
      },
    ]);
    expect((await h.api('GET', '/api/v1/soa/versions/1/diff/7', { token: reader.token })).body).toMatchObject({ statusCode: 404, field: 'b' });
    expect((await h.api('GET', '/api/v1/soa/versions/one', { token: reader.token })).body).toMatchObject({ statusCode: 400, field: 'version' });
    expect((await h.api('GET', '/api/v1/audit/verify', { token: approver.token })).body).toMatchObject({ ok: true });
  });
});
