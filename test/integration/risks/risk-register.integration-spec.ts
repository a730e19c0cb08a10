import { answersFor } from '../../support/assessment-answers';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/**
 * The unified risk register on real parts: registered, rated on the policy's matrix, listed and
 * filtered, counted on the heat map; acceptance never by the rater and, above the appetite,
 * only through an approval round; drafts proposed by a high-risk impact assessment, once;
 * refusals naming the field and writing nothing.
 */
describe('risk register', () => {
  let h: Harness;
  let gov: HarnessUser;
  let riskOfficer: HarnessUser;
  let owner: HarnessUser;
  let stranger: HarnessUser;
  let auditor: HarnessUser;
  let systemId: string;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, riskOfficer, owner, stranger, auditor] = [
      await h.createUser(['governance_office']),
      await h.createUser(['risk_officer']),
      await h.createUser(['product_owner']),
      await h.createUser(['product_owner']),
      await h.createUser(['auditor']),
    ];
    const system = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Risk subject'), accountableOwnerId: owner.user.id } });
    expect(system.status).toBe(201);
    systemId = system.body.id;
  });
  afterAll(async () => h?.stop());

  const body = (overrides: Record<string, unknown> = {}) => ({
    title: 'Training data leak through model inversion',
    description: 'An attacker reconstructs training records from model outputs.',
    source: 'both',
    threat: 'model inversion attack',
    aiSystemIds: [systemId],
    assets: ['training data set'],
    affectedParties: ['applicants'],
    ownerId: riskOfficer.user.id,
    ...overrides,
  });
  const create = (by: HarnessUser, b: Record<string, unknown>) => h.api('POST', '/api/v1/risks', { token: by.token, body: b });
  const patch = (by: HarnessUser, id: string, b: Record<string, unknown>) => h.api('PATCH', `/api/v1/risks/${id}`, { token: by.token, body: b });
  const auditEvents = async (id: string) =>
    (await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`risk:${id}`])).map((r: { event_type: string }) => r.event_type);

  it('registers, rates, treats and accepts a risk within the appetite, each change audited', async () => {
    const created = await create(gov, body({ inherentLikelihood: 'likely', inherentImpact: 'major', controls: [{ framework: 'iso42001', ref: 'A.6.2.6' }, { framework: 'iso27001', ref: 'A.5.2' }], nextReviewAt: inAMonth() }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      source: 'both',
      aiSystemIds: [systemId],
      inherent: { likelihood: 'likely', impact: 'major', score: 16, rating: 'high' },
      residual: null,
      currentRating: 'high',
      ratedById: gov.user.id,
      ownerId: riskOfficer.user.id,
    });
    const id = created.body.id;

    // The governance office rated it, so it cannot accept it.
    const rated = await patch(gov, id, { residualLikelihood: 'unlikely', residualImpact: 'moderate', treatment: 'mitigate' });
    expect(rated.status).toBe(200);
    expect(rated.body.residual).toEqual({ likelihood: 'unlikely', impact: 'moderate', score: 6, rating: 'medium' });
    const byRater = await patch(gov, id, { treatment: 'accept' });
    expect(byRater.status).toBe(403);
    expect(byRater.body).toMatchObject({ field: 'treatment', message: expect.stringContaining('rated') });

    // The risk owner (a risk officer) did not rate it and may accept it: medium is within the appetite.
    const accepted = await patch(riskOfficer, id, { treatment: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', treatment: 'accept', acceptedById: riskOfficer.user.id, acceptance: null });

    // A new rating undoes the acceptance.
    const reRated = await patch(riskOfficer, id, { residualLikelihood: 'rare' });
    expect(reRated.body).toMatchObject({ status: 'open', acceptedById: null, ratedById: riskOfficer.user.id, residual: { score: 3, rating: 'low' } });
    expect(await auditEvents(id)).toEqual(['risk.created', 'risk.updated', 'risk.accepted', 'risk.updated']);
    const [chain] = await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE stream_id = $1`, [`risk:${id}`]);
    expect(chain.n).toBe(4);
  });

  it('refuses with 409 to accept a residual rating above the appetite, writing nothing', async () => {
    const created = await create(gov, body({ title: 'Discriminatory ranking', inherentLikelihood: 'almost_certain', inherentImpact: 'severe', residualLikelihood: 'likely', residualImpact: 'major' }));
    expect(created.body.residual.rating).toBe('high');
    const before = await h.rowCounts();
    const refused = await patch(riskOfficer, created.body.id, { treatment: 'accept' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ field: 'treatment', message: expect.stringMatching(/above the risk appetite 'medium'.*approval round/) });
    expect(await h.rowCounts()).toEqual(before);
    expect((await h.api('GET', `/api/v1/risks/${created.body.id}`, { token: riskOfficer.token })).body).toMatchObject({ status: 'open', treatment: null, acceptance: null });
  });

  it('lists with filters and text search, and shows a product owner only the risks of their systems', async () => {
    const marker = `needle-${Date.now()}`;
    const infosec = await create(riskOfficer, body({ title: `Phishing ${marker}`, source: 'information_security', aiSystemIds: [], inherentLikelihood: 'possible', inherentImpact: 'minor' }));
    const ai = await create(owner, body({ title: `Drift ${marker}`, source: 'ai', ownerId: owner.user.id }));
    expect([infosec.status, ai.status]).toEqual([201, 201]);
    expect(ai.body.status).toBe('draft');

    const list = (by: HarnessUser, query: string) => h.api('GET', `/api/v1/risks?${query}`, { token: by.token });
    expect((await list(auditor, `q=${marker}`)).body.items.map((r: { id: string }) => r.id).sort()).toEqual([infosec.body.id, ai.body.id].sort());
    expect((await list(auditor, `q=${marker}&source=ai`)).body.items.map((r: { id: string }) => r.id)).toEqual([ai.body.id]);
    expect((await list(auditor, `q=${marker}&status=draft`)).body.items.map((r: { id: string }) => r.id)).toEqual([ai.body.id]);
    expect((await list(auditor, `q=${marker}&rating=medium`)).body.items.map((r: { id: string }) => r.id)).toEqual([infosec.body.id]);
    expect((await list(auditor, `q=${marker}&aiSystemId=${systemId}`)).body.items.map((r: { id: string }) => r.id)).toEqual([ai.body.id]);
    expect((await list(auditor, 'q=100%25_nothing')).body).toMatchObject({ items: [], total: 0 });

    // The system's owner sees risks of their system, not the information-security one; a stranger sees neither.
    const mine = (await list(owner, `q=${marker}`)).body.items.map((r: { id: string }) => r.id);
    expect(mine).toEqual([ai.body.id]);
    expect((await list(stranger, `q=${marker}`)).body.total).toBe(0);
    expect((await h.api('GET', `/api/v1/risks/${ai.body.id}`, { token: stranger.token })).status).toBe(403);
    expect((await h.api('GET', `/api/v1/risks/${infosec.body.id}`, { token: owner.token })).status).toBe(403);
  });

  it('counts risks per cell on the heat map, with each cell’s band and the appetite', async () => {
    const before = (await h.api('GET', '/api/v1/reports/risk-matrix', { token: auditor.token })).body;
    await create(gov, body({ title: 'Heat map probe', inherentLikelihood: 'rare', inherentImpact: 'severe', residualLikelihood: 'rare', residualImpact: 'minor' }));
    const report = await h.api('GET', '/api/v1/reports/risk-matrix', { token: auditor.token });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ appetite: 'medium', scoring: 'product', likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost_certain'] });
    expect(report.body.cells).toHaveLength(25);
    const cell = (r: typeof report.body, l: string, i: string) => r.cells.find((c: { likelihood: string; impact: string }) => c.likelihood === l && c.impact === i);
    expect(cell(report.body, 'rare', 'severe')).toMatchObject({ score: 5, rating: 'medium', aboveAppetite: false, inherent: cell(before, 'rare', 'severe').inherent + 1 });
    expect(cell(report.body, 'rare', 'minor')).toMatchObject({ score: 2, rating: 'low', residual: cell(before, 'rare', 'minor').residual + 1 });
    expect(cell(report.body, 'almost_certain', 'severe')).toMatchObject({ rating: 'critical', aboveAppetite: true });
    expect((await h.api('GET', '/api/v1/reports/risk-matrix', { token: owner.token })).status).toBe(403);
  });

  it('refuses bad input with the field, and writes nothing', async () => {
    const { body: seed } = await create(gov, body({ title: 'Refusal target' }));
    const before = await h.rowCounts();
    const cases: Array<[string, () => Promise<{ status: number; body: { field?: string } }>, number, string]> = [
      ['likelihood outside the matrix', () => create(gov, body({ inherentLikelihood: 'sometimes', inherentImpact: 'major' })), 400, 'inherentLikelihood'],
      ['impact outside the matrix', () => patch(gov, seed.id, { residualLikelihood: 'rare', residualImpact: 'catastrophic' }), 400, 'residualImpact'],
      ['half a rating', () => create(gov, body({ inherentImpact: 'major' })), 400, 'inherentLikelihood'],
      ['unknown control', () => create(gov, body({ controls: [{ framework: 'iso27001', ref: 'A.9.9' }] })), 400, 'controls.0.ref'],
      ['unknown framework', () => create(gov, body({ controls: [{ framework: 'nist', ref: 'AC-1' }] })), 400, 'controls.0.framework'],
      ['inactive or unknown owner', () => create(gov, body({ ownerId: '00000000-0000-4000-8000-000000000000' })), 400, 'ownerId'],
      ['unknown system', () => create(gov, body({ aiSystemIds: ['00000000-0000-4000-8000-000000000001'] })), 400, 'aiSystemIds.0'],
      ['unknown PDCA item', () => patch(gov, seed.id, { pdcaItemIds: ['00000000-0000-4000-8000-000000000002'] }), 400, 'pdcaItemIds.0'],
      ['bad source', () => create(gov, body({ source: 'finance' })), 400, 'source'],
      ['a review date in the past', () => patch(gov, seed.id, { nextReviewAt: '2020-01-01T00:00:00Z' }), 400, 'nextReviewAt'],
      ['NUL in text', () => create(gov, body({ title: 'a\u0000b' })), 400, 'title'],
      ['accepting an unrated risk', () => patch(riskOfficer, seed.id, { treatment: 'accept' }), 400, 'treatment'],
      ['nothing to change', () => patch(gov, seed.id, {}), 400, 'body'],
      ['a product owner for a system not theirs', () => create(stranger, body({ ownerId: stranger.user.id })), 403, 'aiSystemIds'],
      ['an auditor editing', () => patch(auditor, seed.id, { treatment: 'avoid' }), 403, 'id'],
      ['a stranger editing', () => patch(stranger, seed.id, { treatment: 'avoid' }), 403, 'id'],
      ['an unknown risk', () => patch(gov, '00000000-0000-4000-8000-000000000003', { treatment: 'avoid' }), 404, 'id'],
    ];
    for (const [name, send, status, field] of cases) {
      const r = await send();
      expect({ name, status: r.status, field: r.body.field }).toEqual({ name, status, field });
    }
    expect(await h.rowCounts()).toEqual(before);
  });

  it('proposes one draft risk per high-risk trigger after the assessment, citing it, and not again on a retry', async () => {
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('High-risk hiring'), accountableOwnerId: owner.user.id } });
    const path = `/api/v1/ai-systems/${created.body.id}`;
    expect((await h.api('POST', `${path}/submit`, { token: owner.token })).status).toBe(201);
    const answers = { ...answersFor('high'), annex1_safety_component: true, vulnerable_groups: ['children', 'persons_with_disabilities'] };
    const send = () => h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers }, headers: { 'Idempotency-Key': `assess-${created.body.id}` } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body.riskTier).toBe('high');
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.body.version).toBe(first.body.version);

    const drafts = await h.api('GET', `/api/v1/risks?aiSystemId=${created.body.id}`, { token: owner.token });
    expect(drafts.body.total).toBe(2);
    const codes = drafts.body.items.map((r: { origin: { reasonCode: string } }) => r.origin.reasonCode).sort();
    expect(codes).toEqual(['annex1.safety_component', 'annex3.employment']);
    for (const draft of drafts.body.items) {
      expect(draft).toMatchObject({
        status: 'draft',
        source: 'ai',
        ownerId: owner.user.id,
        ratedById: null,
        aiSystemIds: [created.body.id],
        origin: { kind: 'impact_assessment', aiSystemId: created.body.id, assessmentVersion: first.body.version, reference: expect.stringContaining('EU AI Act') },
      });
      expect(draft.affectedParties).toEqual(expect.arrayContaining(['employees', 'children', 'persons with disabilities']));
      expect(await auditEvents(draft.id)).toEqual(['risk.draft_proposed']);
    }

    // The owner rates a draft; it opens.
    const rated = await patch(owner, drafts.body.items[0].id, { inherentLikelihood: 'possible', inherentImpact: 'major' });
    expect(rated.body).toMatchObject({ status: 'open', ratedById: owner.user.id, inherent: { score: 12, rating: 'high' } });
  });
});
