import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from '@aigov/persistence/audit-chain';
import { DOCUMENTATION_STATEMENT_KEYS } from '@aigov/domain/documentation/documentation-statements';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, reviewChecklist } from '../../support/governance-flows';
import { DATASET, examplePlan, MODEL, operatingHighRisk, settledRowCounts } from '../../support/monitoring-plan-flows';
import { pdfPages } from '../../support/pdf-text';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * Documentation on demand for a high-risk system, compiled from what the engine holds on real
 * PostgreSQL and Temporal: the Annex IV technical documentation and the Art. 27 fundamental
 * rights impact assessment as JSON and PDF (read back with pdf-parse), each section complete
 * or naming what is missing and who supplies it; every download audited with its hash; only
 * oversight roles and the owner read them; bad requests write nothing.
 */
describe('documentation on demand', () => {
  let h: Harness;
  let gov: HarnessUser;
  let riskOfficer: HarnessUser;
  let auditor: HarnessUser;
  let owner: HarnessUser;
  let system: { id: string; path: string; name: string };

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml') });
    [gov, riskOfficer, auditor, owner] = await Promise.all([
      h.createUser(['governance_office']),
      h.createUser(['risk_officer'], { name: 'Rita Risk' }),
      h.createUser(['auditor']),
      h.createUser(['product_owner'], { name: 'Olga Owner' }),
    ]);
    system = await operatingHighRisk(h, owner, riskOfficer, 'Applicant screening');
  });
  afterAll(async () => h?.stop());

  const call = (method: string, path: string, by: HarnessUser, body?: unknown) => h.api(method, path, { token: by.token, body });
  const download = async (path: string, by: HarnessUser): Promise<{ status: number; type: string | null; sha: string | null; bytes: Buffer }> => {
    const response = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${by.token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), sha: response.headers.get('x-document-sha256'), bytes };
  };
  const exports = async (): Promise<Array<{ actor_label: string; payload: Record<string, unknown> }>> =>
    h.dataSource.query(`SELECT actor_label, payload FROM audit_events WHERE stream_id = $1 AND event_type = 'documentation.exported' ORDER BY seq`, [`ai-system-documentation:${system.id}`]);

  it('lists, section by section, what a new high-risk system’s documents still lack and who supplies it', async () => {
    const summary = await call('GET', `${system.path}/documentation`, owner);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ applicable: true, reason: null, canEditStatements: true });
    const [annex, fria] = summary.body.documents;
    expect(annex).toMatchObject({ kind: 'annex_iv', path: 'annex-iv', complete: false });
    expect(annex.sections.map((s: { reference: string }) => s.reference)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Annex IV point ${n}`));
    expect(fria.sections.map((s: { reference: string }) => s.reference)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `Art. 27(1)(${l})`));
    const missing = (doc: { sections: Array<{ id: string; missing: Array<{ what: string; suppliedBy: string; statementKey?: string }> }> }, id: string) =>
      doc.sections.find((s) => s.id === id)!.missing;
    // deployed with its model and dataset, approved: those parts are complete; the plan is not there
    expect(annex.sections.find((s: { id: string }) => s.id === 'annex_iv.6').complete).toBe(true);
    expect(missing(annex, 'annex_iv.2').map((m) => m.statementKey)).toEqual(['annex_iv.development', 'annex_iv.data_requirements', 'annex_iv.validation_testing', 'annex_iv.cybersecurity']);
    expect(missing(annex, 'annex_iv.9')).toEqual([expect.objectContaining({ what: expect.stringContaining('post-market monitoring plan'), suppliedBy: expect.stringContaining('Olga Owner') })]);
    expect(missing(annex, 'annex_iv.5')).toEqual([expect.objectContaining({ what: expect.stringMatching(/still unrated draft/) })]);
    expect(missing(fria, 'fria.f').map((m) => m.statementKey ?? 'plan')).toEqual(['plan', 'fria.complaints_governance']);
    expect(summary.body.statements.map((s: { key: string; text: string | null }) => [s.key, s.text])).toEqual(DOCUMENTATION_STATEMENT_KEYS.map((k) => [k, null]));
  });

  it('refuses bad requests with the field and writes nothing', async () => {
    const otherOwner = await h.createUser(['product_owner']);
    const limited = await registerForApproval(h, owner, 'limited');
    // its approval round creates its task (and prompt) after the request answered: let it settle first
    await openTaskOf(h, limited.id, gov);
    const before = await settledRowCounts(h);
    const statement = `${system.path}/documentation/statements/fria.use_period_frequency`;
    const cases: Array<[string, string, HarnessUser, unknown, { status: number; field?: string }]> = [
      ['GET', `${system.path}/documentation/annex-v`, owner, undefined, { status: 404, field: 'document' }],
      ['GET', `${system.path}/documentation/annex-iv?format=docx`, owner, undefined, { status: 400, field: 'format' }],
      ['GET', `${system.path}/documentation/annex-iv?format=pdf`, riskOfficer, undefined, { status: 403 }],
      ['GET', `${system.path}/documentation/fria`, otherOwner, undefined, { status: 403 }],
      ['GET', `${system.path}/documentation`, riskOfficer, undefined, { status: 403 }],
      ['GET', `${limited.path}/documentation/annex-iv?format=pdf`, owner, undefined, { status: 409, field: 'riskTier' }],
      ['GET', '/api/v1/ai-systems/00000000-0000-4000-8000-0000000000aa/documentation/fria', gov, undefined, { status: 404, field: 'id' }],
      ['PUT', `${system.path}/documentation/statements/annex_iv.vibes`, owner, { text: 'x' }, { status: 404, field: 'key' }],
      ['PUT', statement, owner, { text: '' }, { status: 400, field: 'text' }],
      ['PUT', statement, owner, { text: '   ' }, { status: 400, field: 'text' }],
      ['PUT', statement, owner, { text: 'x'.repeat(8001) }, { status: 400, field: 'text' }],
      ['PUT', statement, owner, { text: 'daily', expectedVersion: 2 }, { status: 409, field: 'expectedVersion' }],
      ['PUT', statement, owner, { text: 'daily', extra: true }, { status: 400, field: 'extra' }],
      ['PUT', statement, auditor, { text: 'daily' }, { status: 403 }],
      ['PUT', statement, otherOwner, { text: 'daily' }, { status: 403 }],
    ];
    for (const [method, path, by, body, expected] of cases) {
      const answer = await call(method, path, by, body);
      expect({ method, path, status: answer.status, field: answer.body.field }).toEqual({ method, path, ...expected });
    }
    expect(await h.rowCounts()).toEqual(before);
    // a system that is not high-risk says why it has no documents
    expect((await call('GET', `${limited.path}/documentation`, owner)).body).toMatchObject({ applicable: false, documents: [], reason: expect.stringContaining("'limited'") });
  });

  it('is complete once the plan, a rated risk and the statements are there; the JSON carries its own content hash and the download is audited', async () => {
    await call('PUT', `${system.path}/monitoring-plan`, owner, examplePlan(owner.user.id));
    const drafts = (await call('GET', `/api/v1/risks?aiSystemId=${system.id}`, owner)).body.items as Array<{ id: string; status: string }>;
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      const rated = await call('PATCH', `/api/v1/risks/${draft.id}`, owner, { inherentLikelihood: 'possible', inherentImpact: 'major', treatment: 'mitigate' });
      expect(rated.status).toBe(200);
    }
    for (const key of DOCUMENTATION_STATEMENT_KEYS) {
      const saved = await call('PUT', `${system.path}/documentation/statements/${key}`, key.startsWith('fria.') ? gov : owner, { text: `Statement for ${key}: kept at https://docs.example.test/${key}.`, expectedVersion: 0 });
      expect(saved.body).toMatchObject({ key, version: 1 });
    }
    const changed = await call('PUT', `${system.path}/documentation/statements/fria.use_period_frequency`, owner, { text: 'Every working day, about 400 applications a week, until 2028.', expectedVersion: 1 });
    expect(changed.body).toMatchObject({ version: 2, updatedBy: owner.user.email });
    const statementAudit = await h.dataSource.query(
      `SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'documentation.statement_recorded' ORDER BY seq`,
      [`ai-system-documentation:${system.id}`],
    );
    expect(statementAudit).toHaveLength(DOCUMENTATION_STATEMENT_KEYS.length + 1);
    expect(statementAudit.at(-1).payload).toMatchObject({ key: 'fria.use_period_frequency', version: 2, sha256: sha256('Every working day, about 400 applications a week, until 2028.') });

    const summary = await call('GET', `${system.path}/documentation`, auditor);
    expect(summary.body.documents.map((d: { kind: string; complete: boolean; missingCount: number }) => [d.kind, d.complete, d.missingCount])).toEqual([
      ['annex_iv', true, 0],
      ['fria', true, 0],
    ]);
    expect(summary.body.canEditStatements).toBe(false);
    expect(await exports()).toEqual([]); // reading the completeness is no download

    const json = await download(`${system.path}/documentation/annex-iv?format=json`, auditor);
    expect(json.status).toBe(200);
    expect(json.type).toContain('application/json');
    expect(json.sha).toBe(sha256(json.bytes));
    const doc = JSON.parse(json.bytes.toString('utf8'));
    const { contentSha256, ...content } = doc;
    expect(contentSha256).toBe(sha256(canonicalJson(content)));
    expect(doc).toMatchObject({ kind: 'annex_iv', complete: true, missingCount: 0, system: { id: system.id, riskTier: 'high', currentVersion: '1.0.0', owner: { email: owner.user.email } } });
    const text = JSON.stringify(doc);
    for (const expected of [MODEL.checksum, DATASET.checksum, 'Rita Risk', riskOfficer.user.email, 'at least 0.85 ratio', 'Statement for annex_iv.declaration_of_conformity']) expect(text).toContain(expected);
    const approvals = doc.sections.find((s: { id: string }) => s.id === 'annex_iv.6').blocks.find((b: { label?: string }) => b.label === 'Approvals');
    expect(approvals.rows[0]).toEqual(['1', 'approved', 'risk', `Rita Risk <${riskOfficer.user.email}>`, 'approve', expect.any(String), '']);

    const exported = await exports();
    expect(exported).toEqual([
      {
        actor_label: auditor.user.email,
        payload: expect.objectContaining({ document: 'annex_iv', format: 'json', sha256: json.sha, contentSha256, complete: true, missingCount: 0 }),
      },
    ]);
  });

  it('renders the fundamental rights impact assessment as a PDF that reads back, with the review’s checks in the Annex IV', async () => {
    // a review against the plan, so the documentation shows its results
    await call('POST', `${system.path}/monitoring-events`, owner, { kind: 'performance', severity: 'medium', metric: 'recall', observedValue: 0.88, threshold: 0.85 });
    const task = await openTaskOf(h, system.id, owner);
    const reviewed = await call('POST', `/api/v1/tasks/${task.id}/decision`, owner, {
      decision: 'continue',
      checklist: reviewChecklist(),
      monitoringChecks: { planVersion: 1, metrics: { recall: { observedValue: 0.88, withinThreshold: true }, latency_p99: { observedValue: 120, withinThreshold: true } } },
    });
    expect(reviewed.status).toBe(200);

    const pdf = await download(`${system.path}/documentation/fria?format=pdf`, gov);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(pdf.bytes);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(pages[0]).toContain('Fundamental rights impact assessment');
    expect(pages[0]).toContain('Applicant screening');
    expect(all).toContain('Complete: every section holds what it asks for.');
    expect(all).toContain('Art. 27(1)(c): Who is affected');
    expect(all).toContain('Every working day, about 400 applications a week, until 2028.');
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));

    const annex = JSON.parse((await download(`${system.path}/documentation/annex-iv?format=json`, owner)).bytes.toString('utf8'));
    const monitoring = annex.sections.find((s: { id: string }) => s.id === 'annex_iv.9');
    expect(monitoring.blocks.find((b: { label?: string }) => b.label?.startsWith('Latest review against plan version 1')).rows).toEqual([
      ['Recall on confirmed cases', '0.88', 'at least 0.85 ratio', 'yes', '', ''],
      ['p99 latency', '120', 'at most 250 ms', 'yes', '', ''],
    ]);

    const exported = await exports();
    const last = exported.slice(-2);
    expect(last.map((e) => [e.actor_label, e.payload.document, e.payload.format])).toEqual([
      [gov.user.email, 'fria', 'pdf'],
      [owner.user.email, 'annex_iv', 'json'],
    ]);
    expect(last[0]!.payload.sha256).toBe(pdf.sha);
    expect(last[0]!.payload.sha256).toBe(sha256(pdf.bytes));
    // the PDF shows the content hash its audit record names
    expect(all.replace(/\s+/g, '')).toContain(String(last[0]!.payload.contentSha256));
    expect((await call('GET', '/api/v1/audit/verify', gov)).body).toMatchObject({ ok: true });
  });
});
