import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

interface Control {
  framework: 'iso42001' | 'iso27001';
  ref: string;
}

/**
 * Control health takes applicability from the published Statement of Applicability: a control
 * the published SoA excludes is `not_applicable`, with the SoA version and its justification
 * as the reason, in a system's controls and in the control-health report; before publication
 * every control counts.
 */
describe('control health with applicability from the published Statement of Applicability', () => {
  let h: Harness;
  let gov: HarnessUser;
  let approver: HarnessUser;
  let owner: HarnessUser;
  let systemPath: string;
  const excluded: Control = { framework: 'iso27001', ref: 'A.8.32' };
  const justification = 'changes to production systems are run by our hosting provider under contract';

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, approver, owner] = [await h.createUser(['governance_office']), await h.createUser(['governance_office']), await h.createUser(['product_owner'])];
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`SoA scope ${Date.now()}`), accountableOwnerId: owner.user.id } });
    expect(created.status).toBe(201);
    systemPath = `/api/v1/ai-systems/${created.body.id}`;
  });
  afterAll(async () => h?.stop());

  const row = (controls: Array<Control & { status: string }>, c: Control) => controls.find((r) => r.framework === c.framework && r.ref === c.ref)!;
  const systemControls = async () => (await h.api('GET', `${systemPath}/controls`, { token: gov.token })).body;
  const report = async () => (await h.api('GET', '/api/v1/reports/control-health', { token: gov.token })).body;

  it('counts every control until an SoA is published, then shows the excluded control as not applicable with the SoA version', async () => {
    expect((await systemControls()).applicability).toMatchObject({ source: 'default_all_applicable' });
    expect(row((await systemControls()).controls, excluded).status).not.toBe('not_applicable');
    expect(row((await report()).controls, excluded).status).not.toBe('not_applicable');

    // Publish an SoA that excludes one control the evidence map touches (every other control applicable).
    const controls: Control[] = [];
    for (const framework of ['iso42001', 'iso27001'] as const) {
      const page = await h.api('GET', `/api/v1/controls?framework=${framework}&pageSize=200`, { token: gov.token });
      controls.push(...page.body.items.map((c: { ref: string }) => ({ framework, ref: c.ref })));
    }
    for (const c of controls) {
      const isExcluded = c.framework === excluded.framework && c.ref === excluded.ref;
      const body = isExcluded
        ? { applicable: false, justification, implementationStatus: 'not_started' }
        : { applicable: true, justification: `${c.ref} treats risks of our AI systems`, implementationStatus: 'partial' };
      expect((await h.api('PUT', `/api/v1/soa/entries/${c.framework}/${c.ref}`, { token: gov.token, body })).status).toBe(200);
    }
    const submitted = await h.api('POST', '/api/v1/soa/publication', { token: gov.token });
    expect(submitted.status).toBe(202);
    const task = await waitUntil(
      async () => (await h.dataSource.query(`SELECT id FROM tasks WHERE subject_kind = 'soa' AND assignee_id = $1 AND status = 'open'`, [approver.user.id]))[0],
      30_000,
      'the SoA approval task',
    );
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', '/api/v1/soa/versions/1', { token: gov.token })).body.status === 'published' ? true : undefined), 30_000, 'SoA version 1 published');

    const mine = await systemControls();
    expect(mine.applicability).toMatchObject({ source: 'soa', soaVersion: 1 });
    expect(mine.applicability.note).toMatch(/published Statement of Applicability version 1/);
    const excludedRow = row(mine.controls, excluded) as Control & { status: string; reasons: Array<{ code: string; message: string }> };
    expect(excludedRow.status).toBe('not_applicable');
    expect(excludedRow.reasons).toEqual([{ code: 'excluded', message: `excluded by the Statement of Applicability version 1: ${justification}` }]);
    // the other controls, and clauses and AI Act articles (not in the SoA), still count
    expect(row(mine.controls, { framework: 'iso42001', ref: 'A.5.2' }).status).not.toBe('not_applicable');

    const organisation = await report();
    expect(organisation.applicability).toMatchObject({ source: 'soa', soaVersion: 1 });
    const summary = row(organisation.controls, excluded) as Control & { status: string; counts: Record<string, number>; reasons: Array<{ code: string; systems: number }> };
    expect(summary).toMatchObject({ status: 'not_applicable', counts: { not_applicable: organisation.systems, effective: 0, attention: 0, no_evidence: 0 } });
    expect(summary.reasons).toEqual([expect.objectContaining({ code: 'excluded', systems: organisation.systems })]);
    expect(organisation.totals.not_applicable).toBeGreaterThanOrEqual(1);
  });
});
