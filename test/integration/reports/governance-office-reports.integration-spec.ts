import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { pdfPages } from '../../support/pdf-text';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week `at` is in, as YYYY-MM-DD (written apart from the API's own helper). */
function mondayOf(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo] + (at - lo) * ((sorted[Math.ceil(at)] ?? sorted[lo]) - sorted[lo]);
}

/**
 * The governance office's reads on real parts: the dashboard's every figure checked against rows
 * this test writes straight into PostgreSQL (systems, stage transitions with gaps in their
 * sequence and a change within a stage, tasks, monitoring events, PDCA items, a control-health
 * snapshot) and a risk registered through the API; the inventory's filters, sorts, pages and its
 * CSV export (formula-safe, scoped to what the caller may see); the stage report as PDF, read back.
 */
describe('governance office reports', () => {
  let h: Harness;
  let office: HarnessUser;
  let auditor: HarnessUser;
  let ownerA: HarnessUser;
  let ownerB: HarnessUser;
  let approver: HarnessUser;
  let riskOfficer: HarnessUser;
  const T = Date.now();
  const ago = (days: number) => new Date(T - days * DAY);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    office = await h.createUser(['governance_office'], { name: 'Gina Office' });
    auditor = await h.createUser(['auditor']);
    ownerA = await h.createUser(['product_owner'], { name: 'Ada Owner' });
    ownerB = await h.createUser(['product_owner'], { name: 'Bea Owner' });
    approver = await h.createUser(['approver']);
    riskOfficer = await h.createUser(['risk_officer']);
    const db = h.dataSource;

    const system = async (key: string, s: { name: string; stage: string; tier: string | null; owner: HarnessUser; unit: string; enteredDaysAgo: number; nextReview?: Date }) => {
      ids[key] = randomUUID();
      await db.query(
        `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data, special_category_data,
           model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, risk_tier, stage_entered_at, next_review_at, created_by_id, workflow_id, created_at, updated_at)
         VALUES ($1, $2, $3, 'decision support', $4, $5, '["crm"]', '["contact data"]', true, false, 'llm', 'third_party', 'internal', '["staff"]', 'human_in_the_loop',
           $6, $7, $8, $9, $4, $10, $11, $11)`,
        [ids[key], s.name, `Purpose of ${s.name}`, s.owner.user.id, s.unit, s.stage, s.tier, ago(s.enteredDaysAgo), s.nextReview ?? null, `ai-system:${ids[key]}`, ago(60 - Object.keys(ids).length)],
      );
    };
    await system('alpha', { name: 'Alpha chatbot', stage: 'design', tier: null, owner: ownerA, unit: 'Sales', enteredDaysAgo: 2 });
    await system('beta', { name: 'Beta scoring', stage: 'approval', tier: 'limited', owner: ownerA, unit: 'Risk', enteredDaysAgo: 4 });
    await system('gamma', { name: 'Gamma vision', stage: 'operation', tier: 'high', owner: ownerB, unit: 'Ops', enteredDaysAgo: 10, nextReview: ago(1) });
    await system('delta', { name: 'Delta forecast', stage: 'operation', tier: 'minimal', owner: ownerB, unit: 'Ops', enteredDaysAgo: 20, nextReview: ago(-30) });
    await system('epsilon', { name: 'Epsilon triage', stage: 'periodic_review', tier: 'high', owner: ownerA, unit: 'Clinic', enteredDaysAgo: 3 });
    await system('formula', { name: '=HYPERLINK("http://evil.example","x")', stage: 'design', tier: null, owner: ownerB, unit: 'Sales', enteredDaysAgo: 1 });

    // Stage transitions: [from, to, action, days ago]; seq numbers skip (other projections use them).
    const transitions = async (key: string, steps: Array<[string | null, string, string, number]>) => {
      let seq = 1;
      for (const [from, to, action, days] of steps) {
        await db.query(`INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [ids[key], seq, from, to, action, ago(days)]);
        seq += 2;
      }
    };
    await transitions('gamma', [
      [null, 'design', 'register', 40],
      ['design', 'impact_assessment', 'submit_for_assessment', 35],
      ['impact_assessment', 'approval', 'assessment_completed', 34],
      ['approval', 'deployment', 'approval_granted', 30],
      ['deployment', 'operation', 'deploy', 10],
    ]);
    await transitions('delta', [
      [null, 'design', 'register', 60],
      ['design', 'impact_assessment', 'submit_for_assessment', 50],
      ['impact_assessment', 'approval', 'assessment_completed', 48],
      ['approval', 'design', 'approval_changes_requested', 46],
      ['design', 'impact_assessment', 'submit_for_assessment', 45],
      ['impact_assessment', 'approval', 'assessment_completed', 44],
      ['approval', 'deployment', 'approval_granted', 38],
      ['deployment', 'operation', 'deploy', 36],
      ['operation', 'rollback', 'rollback', 30],
      ['rollback', 'operation', 'deploy', 20],
    ]);
    await transitions('epsilon', [
      [null, 'design', 'register', 30],
      ['design', 'impact_assessment', 'submit_for_assessment', 25],
      ['impact_assessment', 'approval', 'assessment_completed', 24],
      ['approval', 'deployment', 'approval_granted', 21],
      ['deployment', 'operation', 'deploy', 15],
      // a change deployed within operation is no new stay: the stay below lasts 12 days, not 5
      ['operation', 'operation', 'deploy_change', 8],
      ['operation', 'periodic_review', 'review_due', 3],
    ]);
    await transitions('beta', [
      [null, 'design', 'register', 20],
      ['design', 'impact_assessment', 'submit_for_assessment', 12],
      ['impact_assessment', 'approval', 'assessment_completed', 10],
      // expired: a finished stay in approval, but no decision for the lead time
      ['approval', 'design', 'approval_expired', 8],
      ['design', 'impact_assessment', 'submit_for_assessment', 6],
      ['impact_assessment', 'approval', 'assessment_completed', 4],
    ]);

    const task = (key: string, kind: string, status: string, due: Date | null) =>
      db.query(
        `INSERT INTO tasks (id, kind, workflow_id, round, assignee_id, status, title, created_at, due_at, subject_kind, subject_id, ai_system_id)
         VALUES ($1, $2, $3, 1, $4, $5, 'Task', $6, $7, 'ai_system', $8, $8)`,
        [randomUUID(), kind, `ai-system:${ids[key]}`, approver.user.id, status, ago(5), due, ids[key]],
      );
    await task('beta', 'approval', 'open', ago(-1));
    await task('beta', 'approval', 'open', new Date(T - 3_600_000));
    await task('gamma', 'approval', 'decided', ago(20));
    await task('epsilon', 'review', 'open', ago(2));

    const event = (key: string, severity: string, days: number) =>
      db.query(`INSERT INTO monitoring_events (id, ai_system_id, kind, severity, occurred_at) VALUES ($1, $2, 'drift', $3, $4)`, [randomUUID(), ids[key], severity, ago(days)]);
    await event('gamma', 'high', 2);
    await event('gamma', 'low', 2);
    await event('gamma', 'critical', 30);
    await event('gamma', 'critical', 200);

    const pdca = (kind: string, phase: string, createdDaysAgo: number, due: Date | null) =>
      db.query(
        `INSERT INTO pdca_items (id, kind, title, description, phase, source_type, workflow_id, ai_system_id, created_at, updated_at, due_at)
         VALUES ($1, $2, 'Item', 'seeded', $3, 'ai_system', $4, $5, $6, $6, $7)`,
        [randomUUID(), kind, phase, `pdca-item:${randomUUID()}`, ids.gamma, ago(createdDaysAgo), due],
      );
    await pdca('nonconformity', 'plan', 10, ago(1));
    await pdca('corrective_action', 'do', 45, ago(-5));
    await pdca('improvement', 'check', 100, null);
    await pdca('nonconformity', 'plan', 200, ago(100));
    await pdca('nonconformity', 'closed', 10, ago(5));

    const snapshot = (day: Date, totals: Record<string, number>) =>
      db.query(
        `INSERT INTO control_health_snapshots (day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision) VALUES ($1, $2, 6, $3, '{}', '{}', NULL, 1)`,
        [day.toISOString().slice(0, 10), day, totals],
      );
    await snapshot(ago(2), { effective: 1, attention: 1, no_evidence: 1, not_applicable: 1 });
    await snapshot(ago(1), { effective: 20, attention: 7, no_evidence: 9, not_applicable: 2 });
  }, 120_000);

  afterAll(async () => h?.stop());

  const get = (path: string, who: HarnessUser = office) => h.api('GET', path, { token: who.token });
  const raw = (path: string, who: HarnessUser = office) => fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${who.token}` } });

  describe('dashboard', () => {
    it('counts systems by stage and tier, overdue reviews and tasks, with the age of each stage', async () => {
      const { status, body } = await get('/api/v1/reports/dashboard');
      expect(status).toBe(200);
      expect(body.total).toBe(6);
      const byStage = Object.fromEntries(body.byStage.map((s: { stage: string; count: number }) => [s.stage, s.count]));
      expect(byStage).toEqual({ design: 2, impact_assessment: 0, approval: 1, deployment: 0, operation: 2, periodic_review: 1, rollback: 0, retirement: 0, retired: 0, rejected: 0 });
      expect(body.byTier).toEqual([
        { tier: 'minimal', count: 1 },
        { tier: 'limited', count: 1 },
        { tier: 'high', count: 2 },
        { tier: 'prohibited', count: 0 },
        { tier: 'none', count: 2 },
      ]);
      expect(body.byStageAndTier).toEqual([
        { stage: 'design', tier: 'none', count: 2 },
        { stage: 'approval', tier: 'limited', count: 1 },
        { stage: 'operation', tier: 'minimal', count: 1 },
        { stage: 'operation', tier: 'high', count: 1 },
        { stage: 'periodic_review', tier: 'high', count: 1 },
      ]);
      // gamma is past its review date, epsilon's review task past its due date
      expect(body.overdue).toEqual({ reviews: 2, approvalTasks: 1, reviewTasks: 1 });
      expect(body.openTasks).toEqual({ approval: 2, review: 1 });

      const time = Object.fromEntries(body.timeInStage.map((t: { stage: string }) => [t.stage, t]));
      // now: design holds systems 2 and 1 days in; operation 10 and 20
      expect(time.design.current).toEqual({ count: 2, medianDays: 1.5, p90Days: 1.9 });
      expect(time.operation.current).toEqual({ count: 2, medianDays: 15, p90Days: 19 });
      expect(time.retired.current).toEqual({ count: 0, medianDays: null, p90Days: null });
      // ended stays (days): design 5, 10, 1, 5, 8, 2; impact 1, 2, 1, 1, 2, 2; approval 4, 2, 6, 3, 2;
      // deployment 20, 2, 6; operation 6 (delta) and 12 (epsilon, across its deploy_change); rollback 10
      expect(time.design.completed).toEqual({ count: 6, medianDays: 5, p90Days: 9 });
      expect(time.impact_assessment.completed).toEqual({ count: 6, medianDays: 1.5, p90Days: 2 });
      expect(time.approval.completed).toEqual({ count: 5, medianDays: 3, p90Days: 5.2 });
      expect(time.deployment.completed).toEqual({ count: 3, medianDays: 6, p90Days: 17.2 });
      expect(time.operation.completed).toEqual({ count: 2, medianDays: 9, p90Days: 11.4 });
      expect(time.rollback.completed).toEqual({ count: 1, medianDays: 10, p90Days: 10 });
      expect(time.periodic_review.completed).toEqual({ count: 0, medianDays: null, p90Days: null });
    });

    it('gives approval lead time per month (decisions only), events and rollbacks per week, PDCA items by age', async () => {
      const { body } = await get('/api/v1/reports/dashboard');
      // decisions: gamma 4 days (granted 30 days ago), delta 2 (changes requested, 46) and 6 (granted, 38), epsilon 3 (granted, 21); beta's expiry is none
      const decisions: Array<[number, number]> = [[30, 4], [46, 2], [38, 6], [21, 3]];
      const perMonth = new Map<string, number[]>();
      for (const [daysAgo, days] of decisions) {
        const month = ago(daysAgo).toISOString().slice(0, 7);
        perMonth.set(month, [...(perMonth.get(month) ?? []), days]);
      }
      expect(body.approvalLeadTime).toHaveLength(12);
      expect(body.approvalLeadTime.at(-1).month).toBe(new Date(T).toISOString().slice(0, 7));
      for (const m of body.approvalLeadTime) {
        const values = perMonth.get(m.month);
        expect(m).toEqual(
          values
            ? { month: m.month, decisions: values.length, medianDays: Math.round(percentileCont(values, 0.5) * 10) / 10, p90Days: Math.round(percentileCont(values, 0.9) * 10) / 10 }
            : { month: m.month, decisions: 0, medianDays: null, p90Days: null },
        );
      }
      expect(body.approvalLeadTime.reduce((n: number, m: { decisions: number }) => n + m.decisions, 0)).toBe(4);

      expect(body.operations).toHaveLength(12);
      expect(body.operations.at(-1).weekStart).toBe(mondayOf(new Date(T)));
      const week = (at: Date) => body.operations.find((w: { weekStart: string }) => w.weekStart === mondayOf(at));
      expect(week(ago(2))).toMatchObject({ monitoringEvents: 2, bySeverity: { low: 1, medium: 0, high: 1, critical: 0 } });
      expect(week(ago(30))).toMatchObject({ monitoringEvents: 1, bySeverity: { critical: 1 }, rollbacks: 1 });
      // the event 200 days ago is outside the twelve weeks
      expect(body.operations.reduce((n: number, w: { monitoringEvents: number }) => n + w.monitoringEvents, 0)).toBe(3);
      expect(body.operations.reduce((n: number, w: { rollbacks: number }) => n + w.rollbacks, 0)).toBe(1);

      expect(body.pdca).toEqual({
        open: 4,
        overdue: 2,
        byAge: [
          { bucket: '0-30', minDays: 0, maxDays: 30, open: 1, overdue: 1 },
          { bucket: '30-90', minDays: 30, maxDays: 90, open: 1, overdue: 0 },
          { bucket: '90-180', minDays: 90, maxDays: 180, open: 1, overdue: 0 },
          { bucket: '180+', minDays: 180, maxDays: null, open: 1, overdue: 1 },
        ],
        openByKind: { nonconformity: 2, corrective_action: 1, improvement: 1 },
      });
    });

    it('carries the newest control-health snapshot and the same heat map as the risk matrix report', async () => {
      const risk = await h.api('POST', '/api/v1/risks', {
        token: riskOfficer.token,
        body: {
          title: 'Hallucinated triage advice',
          description: 'The model invents contraindications.',
          source: 'ai',
          threat: 'hallucination',
          aiSystemIds: [ids.epsilon],
          assets: ['triage notes'],
          affectedParties: ['patients'],
          ownerId: riskOfficer.user.id,
          inherentLikelihood: 'likely',
          inherentImpact: 'major',
        },
      });
      expect(risk.status).toBe(201);
      const { body } = await get('/api/v1/reports/dashboard');
      expect(body.controlHealth).toEqual({
        day: ago(1).toISOString().slice(0, 10),
        takenAt: ago(1).toISOString(),
        systems: 6,
        totals: { effective: 20, attention: 7, no_evidence: 9, not_applicable: 2 },
      });
      const matrix = await get('/api/v1/reports/risk-matrix');
      expect({ ...body.riskMatrix, generatedAt: 'x' }).toEqual({ ...matrix.body, generatedAt: 'x' });
      expect(body.riskMatrix.cells.find((c: { likelihood: string; impact: string }) => c.likelihood === 'likely' && c.impact === 'major')).toMatchObject({ inherent: 1, residual: 0 });
    });

    it('is for oversight roles: the auditor reads it, a product owner is refused', async () => {
      expect((await get('/api/v1/reports/dashboard', auditor)).status).toBe(200);
      const refused = await get('/api/v1/reports/dashboard', ownerA);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/governance_office/);
    });
  });

  describe('inventory', () => {
    const names = async (query: string, who: HarnessUser = office) => {
      const { status, body } = await get(`/api/v1/ai-systems?${query}`, who);
      expect(status).toBe(200);
      return (body.items as Array<{ name: string }>).map((s) => s.name);
    };

    it('sorts by name, by lifecycle stage, by tier (not assessed last) and by next review', async () => {
      const byName = (await names('sort=name')).filter((n) => !n.startsWith('='));
      expect(byName).toEqual(['Alpha chatbot', 'Beta scoring', 'Delta forecast', 'Epsilon triage', 'Gamma vision']);
      expect((await names('sort=name&order=desc')).filter((n) => !n.startsWith('='))).toEqual([...byName].reverse());
      const { body } = await get('/api/v1/ai-systems?sort=stage');
      expect(body.items.map((s: { stage: string }) => s.stage)).toEqual(['design', 'design', 'approval', 'operation', 'operation', 'periodic_review']);
      const tiers = await get('/api/v1/ai-systems?sort=riskTier&order=desc');
      expect(tiers.body.items.map((s: { riskTier: string | null }) => s.riskTier)).toEqual(['high', 'high', 'limited', 'minimal', null, null]);
      expect((await names('sort=nextReviewAt')).slice(0, 2)).toEqual(['Gamma vision', 'Delta forecast']);
    });

    it('filters by stage, tier (none: not assessed), owner, business unit, text and overdue review', async () => {
      expect(await names('stage=operation&sort=name')).toEqual(['Delta forecast', 'Gamma vision']);
      expect((await names('riskTier=none')).sort()).toEqual(['=HYPERLINK("http://evil.example","x")', 'Alpha chatbot'].sort());
      expect(await names(`ownerId=${ownerA.user.id}&sort=name`)).toEqual(['Alpha chatbot', 'Beta scoring', 'Epsilon triage']);
      expect(await names('businessUnit=Ops&sort=name')).toEqual(['Delta forecast', 'Gamma vision']);
      expect(await names('q=TRIAGE')).toEqual(['Epsilon triage']);
      // the same systems the dashboard counts as overdue
      expect(await names('reviewOverdue=true&sort=name')).toEqual(['Epsilon triage', 'Gamma vision']);
      expect(await names('stage=operation&riskTier=high')).toEqual(['Gamma vision']);
    });

    it('pages without repeating or skipping a system', async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => get(`/api/v1/ai-systems?sort=businessUnit&pageSize=2&page=${page}`)));
      expect(pages.map((p) => p.body.items.length)).toEqual([2, 2, 2, 0]);
      expect(pages.every((p) => p.body.total === 6)).toBe(true);
      const ids = pages.flatMap((p) => p.body.items.map((s: { id: string }) => s.id));
      expect(new Set(ids).size).toBe(6);
    });

    it('refuses sorts, orders and filters it does not know, naming the field', async () => {
      for (const [query, field] of [
        ['sort=evil', 'sort'],
        ['order=up', 'order'],
        ['reviewOverdue=false', 'reviewOverdue'],
        ['riskTier=medium', 'riskTier'],
        ['ownerId=nobody', 'ownerId'],
      ]) {
        const refused = await get(`/api/v1/ai-systems?${query}`);
        expect({ query, status: refused.status, field: refused.body.field }).toEqual({ query, status: 400, field });
        const exported = await raw(`/api/v1/ai-systems/export.csv?${query}`);
        expect({ query, status: exported.status }).toEqual({ query, status: 400 });
      }
    });

    it('shows a product owner only the systems they own or registered', async () => {
      expect((await names('sort=name', ownerA)).length).toBe(3);
      const options = await get('/api/v1/ai-systems/filter-options', ownerA);
      expect(options.body).toEqual({ owners: [{ id: ownerA.user.id, name: 'Ada Owner', email: ownerA.user.email, systems: 3 }], businessUnits: [
        { name: 'Clinic', systems: 1 },
        { name: 'Risk', systems: 1 },
        { name: 'Sales', systems: 1 },
      ] });
      const csv = await (await raw('/api/v1/ai-systems/export.csv', ownerA)).text();
      expect(parse(csv).length).toBe(1 + 3);
    });

    it('offers the owners and business units of every system to oversight roles', async () => {
      const { body } = await get('/api/v1/ai-systems/filter-options', auditor);
      expect(body.owners).toEqual([
        { id: ownerA.user.id, name: 'Ada Owner', email: ownerA.user.email, systems: 3 },
        { id: ownerB.user.id, name: 'Bea Owner', email: ownerB.user.email, systems: 3 },
      ]);
      expect(body.businessUnits.map((u: { name: string; systems: number }) => `${u.name} ${u.systems}`)).toEqual(['Clinic 1', 'Ops 2', 'Risk 1', 'Sales 2']);
    });

    it('exports the filtered inventory as CSV in the list’s order, a formula kept as text', async () => {
      const response = await raw('/api/v1/ai-systems/export.csv?riskTier=none&sort=createdAt&order=asc');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ai-systems-\d{4}-\d{2}-\d{2}\.csv"$/);
      const [header, ...rows] = parse(await response.text()) as string[][];
      expect(header.slice(0, 7)).toEqual(['id', 'name', 'stage', 'risk_tier', 'business_unit', 'owner_name', 'owner_email']);
      const records = rows.map((r) => Object.fromEntries(header.map((column, i) => [column, r[i]])));
      expect(records.map((r) => r.id)).toEqual([ids.alpha, ids.formula]);
      expect(records[1]).toMatchObject({ name: `'=HYPERLINK("http://evil.example","x")`, stage: 'design', risk_tier: '', owner_name: 'Bea Owner', owner_email: ownerB.user.email });
      expect(records[0].stage_entered_at).toBe(ago(2).toISOString());

      const all = parse(await (await raw('/api/v1/ai-systems/export.csv?sort=name')).text()) as string[][];
      const list = await get('/api/v1/ai-systems?sort=name');
      expect(all.slice(1).map((r) => r[0])).toEqual(list.body.items.map((s: { id: string }) => s.id));
    });
  });

  describe('stage report', () => {
    it('downloads as a PDF whose text holds the figures of the JSON report', async () => {
      const json = await get('/api/v1/reports/lifecycle-stages');
      expect(json.body).toMatchObject({ total: 6, overdueReviews: 2, openApprovalTasks: 2, overdueTasks: { approval: 1, review: 1 } });
      const response = await raw('/api/v1/reports/lifecycle-stages?format=pdf', auditor);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lifecycle-stages-\d{4}-\d{2}-\d{2}\.pdf"$/);
      const [text] = await pdfPages(Buffer.from(await response.arrayBuffer()));
      expect(text).toContain('AI systems by lifecycle stage');
      expect(text).toMatch(/Periodic reviews overdue\s+2/);
      expect(text).toMatch(/Open approval tasks\s+2 \(1 overdue\)/);
      // stage, systems, minimal, limited, high, prohibited, not assessed
      expect(text).toMatch(/Operation\s+2\s+1\s+0\s+1\s+0\s+0\s/);
      expect(text).toMatch(/Design\s+2\s+0\s+0\s+0\s+0\s+2\s/);
      expect(text).toMatch(/Total\s+6/);
    });

    it('refuses an unknown format, naming the field, and a product owner', async () => {
      const refused = await get('/api/v1/reports/lifecycle-stages?format=xml');
      expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 400, field: 'format' });
      expect((await raw('/api/v1/reports/lifecycle-stages?format=pdf', ownerB)).status).toBe(403);
    });
  });
});
