import { join } from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const model = { name: 'credit-scorer', version: '1.0', checksum: sha('a') };
const datasets = [{ name: 'applications', version: '2026-q3', checksum: sha('d') }];

interface ControlRow {
  framework: string;
  ref: string;
  status: string;
  reasons: Array<{ code: string; message: string }>;
  evidence: Array<{ kind: string; title: string; link: string; occurredAt: string }>;
}

/**
 * Evidence for every control and control health on the real servers: a high-risk system taken
 * through assessment, approval and deployment shows its records under the controls the
 * evidence map names, and its monitoring control turns from effective to attention when the
 * periodic review goes overdue.
 */
describe('evidence for every control and control health', () => {
  let h: Harness;
  let gov: HarnessUser;
  let owner: HarnessUser;
  let risk: HarnessUser;
  let system: { id: string; path: string; name: string };

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/control-health-policy.yaml') });
    [gov, owner, risk] = [await h.createUser(['governance_office']), await h.createUser(['product_owner']), await h.createUser(['risk_officer'])];
    system = await registerForApproval(h, owner, 'high', { name: `Evidence high ${Math.random().toString(36).slice(2, 7)}` });
    const task = await openTaskOf(h, system.id, risk);
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: risk.token, body: { decision: 'approve', comment: 'risks treated' } })).status).toBe(200);
    const deployed = await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production', model, datasets } });
    expect(deployed.body).toMatchObject({ stage: 'operation' });
    const event = await h.api('POST', `${system.path}/monitoring-events`, { token: owner.token, body: { kind: 'performance', severity: 'low', metric: 'auc', observedValue: 0.81, threshold: 0.75 } });
    expect(event.body).toMatchObject({ response: 'record' });
  });
  afterAll(async () => h?.stop());

  const get = (path: string, by: HarnessUser) => h.api('GET', path, { token: by.token });
  const control = (rows: ControlRow[], framework: string, ref: string) => rows.find((c) => c.framework === framework && c.ref === ref)!;
  let effectiveBeforeTheReview: unknown;

  it('shows the system’s evidence under the right controls, with links to the artefacts', async () => {
    // the review falls due 40 s after deployment; until then the monitoring event keeps the monitoring control effective
    const report = await get(`/api/v1/reports/control-health?aiSystemId=${system.id}`, gov);
    expect(report.body).toMatchObject({ aiSystemId: system.id, systems: 1, applicability: { source: 'default_all_applicable' } });
    effectiveBeforeTheReview = control(report.body.controls, 'iso42001', 'A.6.2.6');
    const response = await get(`${system.path}/controls`, owner);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ aiSystemId: system.id, applicability: { source: 'default_all_applicable' } });
    expect(response.body.applicability.note).toMatch(/no Statement of Applicability is published yet/);
    const rows: ControlRow[] = response.body.controls;

    for (const ref of ['A.5.2', 'A.5.3', 'A.5.4', 'A.5.5']) {
      expect(control(rows, 'iso42001', ref).evidence).toEqual([expect.objectContaining({ kind: 'impact_assessment', link: `${system.path}/impact-assessments` })]);
    }
    expect(control(rows, 'eu_ai_act', 'art-27').evidence[0].title).toMatch(/high risk/);
    const approvals = control(rows, 'iso27001', 'A.5.3');
    expect(approvals).toMatchObject({ status: 'effective', evidence: [expect.objectContaining({ kind: 'approval_round', link: `${system.path}/approvals` })] });
    expect(approvals.evidence[0].title).toMatch(/Approval round 1: approve/);
    const deployment = control(rows, 'iso27001', 'A.8.32');
    expect(deployment.status).toBe('effective');
    expect(deployment.evidence).toEqual([expect.objectContaining({ kind: 'deployment', link: `${system.path}/versions` })]);
    expect(deployment.evidence[0].title).toContain(model.checksum);
    expect(control(rows, 'iso42001', 'A.7.5').evidence[0].title).toMatch(/1 dataset checksum/);
    expect(control(rows, 'iso42001', 'A.6.2.6')).toMatchObject({ status: 'effective', evidence: [expect.objectContaining({ kind: 'monitoring_event' })] });
    expect(control(rows, 'iso42001', 'A.6.2.8').evidence[0]).toMatchObject({ kind: 'audit_chain', link: `${system.path}/audit-trail` });
    // users and roles count for everyone but are listed only to those who read evidence across systems
    expect(control(rows, 'iso27001', 'A.5.18')).toMatchObject({ status: 'effective', evidence: [] });
    const asGov = (await get(`${system.path}/controls`, gov)).body.controls as ControlRow[];
    expect(control(asGov, 'iso27001', 'A.5.18').evidence).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'access_management', link: `/api/v1/users/${owner.user.id}` })]));
    // nothing recorded yet for management reviews or incidents
    expect(control(rows, 'clauses', '9.3').status).toBe('no_evidence');
    expect(control(rows, 'iso42001', 'A.8.4').status).toBe('no_evidence');

    // whoever may not read the system may not read its controls either
    const stranger = await h.createUser(['product_owner']);
    expect((await get(`${system.path}/controls`, stranger)).status).toBe(403);
    expect((await get('/api/v1/ai-systems/00000000-0000-4000-8000-000000000000/controls', gov)).status).toBe(404);
  });

  it('lists a control’s evidence across systems for the governance office, paged, and refuses others', async () => {
    const page = await get(`/api/v1/controls/iso42001/a.5.2/evidence?pageSize=200`, gov);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ framework: 'iso42001', ref: 'A.5.2', kinds: ['impact_assessment'], page: 1, pageSize: 200 });
    expect(page.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ aiSystemId: system.id, kind: 'impact_assessment' })]));
    expect(page.body.total).toBe(page.body.items.length);
    const mine = await get(`/api/v1/controls/iso27001/A.8.32/evidence?aiSystemId=${system.id}`, gov);
    expect(mine.body.items.map((i: { aiSystemId: string }) => i.aiSystemId)).toEqual([system.id]);
    const second = await get(`/api/v1/controls/iso42001/A.5.2/evidence?page=2&pageSize=1`, gov);
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: page.body.total });

    expect((await get('/api/v1/controls/iso42001/A.5.2/evidence', owner)).status).toBe(403);
    const unknownFramework = await get('/api/v1/controls/iso9001/A.5.2/evidence', gov);
    expect({ status: unknownFramework.status, field: unknownFramework.body.field }).toEqual({ status: 404, field: 'framework' });
    const unknownRef = await get('/api/v1/controls/iso42001/A.99.1/evidence', gov);
    expect({ status: unknownRef.status, field: unknownRef.body.field }).toEqual({ status: 404, field: 'ref' });
    const badSystem = await get('/api/v1/controls/iso42001/A.5.2/evidence?aiSystemId=nope', gov);
    expect({ status: badSystem.status, field: badSystem.body.field }).toEqual({ status: 400, field: 'aiSystemId' });
    const badPage = await get('/api/v1/controls/iso42001/A.5.2/evidence?page=0', gov);
    expect({ status: badPage.status, field: badPage.body.field }).toEqual({ status: 400, field: 'page' });
  });

  it('moves the monitoring control from effective to attention when the periodic review goes overdue', async () => {
    const report = () => get(`/api/v1/reports/control-health?aiSystemId=${system.id}`, gov);
    expect(effectiveBeforeTheReview).toMatchObject({ status: 'effective', counts: { effective: 1, attention: 0 } });

    const attention = await waitUntil(
      async () => {
        // overdue by its review task (due 2 s after it opens), not the moment between the review date passing and the task opening
        const [task] = await h.dataSource.query(`SELECT id FROM tasks WHERE kind = 'review' AND status = 'open' AND ai_system_id = $1 AND due_at < now()`, [system.id]);
        if (!task) return undefined;
        const row = control((await report()).body.controls, 'iso42001', 'A.6.2.6') as ControlRow & { reasons: Array<{ code: string; systems: number }> };
        return row.status === 'attention' ? row : undefined;
      },
      90_000,
      'the review to go overdue',
    );
    expect(attention.reasons).toEqual([expect.objectContaining({ code: 'review_overdue', systems: 1 })]);
    // the other controls are untouched by an overdue review
    const after = await report();
    expect(control(after.body.controls, 'iso27001', 'A.8.32').status).toBe('effective');
    const own = await get(`${system.path}/controls`, owner);
    expect(control(own.body.controls, 'eu_ai_act', 'art-72')).toMatchObject({ status: 'attention', reasons: [expect.objectContaining({ code: 'review_overdue' })] });

    // organisation-wide, and as CSV
    const all = await get('/api/v1/reports/control-health', gov);
    expect(all.body.systems).toBeGreaterThanOrEqual(1);
    expect(control(all.body.controls, 'iso42001', 'A.6.2.6').status).toBe('attention');
    const csv = await h.api('GET', `/api/v1/reports/control-health?aiSystemId=${system.id}&format=csv`, { token: gov.token, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('framework,ref,title,status,effective,attention,no_evidence,not_applicable,evidence_count,latest_evidence_at,reasons');
    expect(lines.find((l) => l.startsWith('iso42001,A.6.2.6,'))).toMatch(/,attention,0,1,0,0,.*review_overdue \(1\)/);

    expect((await get('/api/v1/reports/control-health', owner)).status).toBe(403);
    const unknown = await get('/api/v1/reports/control-health?aiSystemId=00000000-0000-4000-8000-000000000000', gov);
    expect({ status: unknown.status, field: unknown.body.field }).toEqual({ status: 404, field: 'aiSystemId' });
    const badFormat = await get('/api/v1/reports/control-health?format=xml', gov);
    expect({ status: badFormat.status, field: badFormat.body.field }).toEqual({ status: 400, field: 'format' });
  });
});
