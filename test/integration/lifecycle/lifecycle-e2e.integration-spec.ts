import { join } from 'node:path';
import { answersFor } from '../../support/assessment-answers';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { linkIn, postLink, reviewChecklist } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

/**
 * One AI system through every stage over HTTP, on the real worker, Temporal dev server,
 * PostgreSQL and an SMTP capture, with approvals made from the links in the captured emails.
 */
describe('AI system lifecycle end to end', () => {
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/e2e-policy.yaml') });
    admin = h.config.adminToken;
  });
  afterAll(async () => h?.stop());

  /** Opens the emailed link like a person: GET the confirmation page, then POST the form. */
  async function decideByLink(email: string, subjectPart: string, decision: string, comment: string) {
    const mail = await h.mail.waitFor((m) => m.to.includes(email) && m.subject.includes(subjectPart), 30000);
    const link = linkIn(mail.text);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    const result = await postLink(link, decision, comment);
    expect(result.status).toBe(200);
    return link;
  }

  it('registers, assesses, approves by email, deploys, reviews, rolls back, redeploys and retires', async () => {
    const owner = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    const governance = await h.createUser(['governance_office'], { name: 'Greta Gov' });
    const line = await h.createUser(['approver'], { name: 'Lars Line' });
    const auditor = await h.createUser(['auditor'], { name: 'Aud Itor' });
    const as = (u: { token: string }) => ({ token: u.token });

    const created = await h.api('POST', '/api/v1/ai-systems', {
      ...as(owner),
      body: {
        name: `Chatbot ${Date.now()}`,
        purpose: 'Answer customer questions about orders',
        intendedUse: 'Customer self-service on the web shop',
        businessUnit: 'Customer Service',
        dataSources: ['order database', 'FAQ'],
        dataCategories: ['contact data', 'order history'],
        personalData: true,
        specialCategoryData: false,
        modelType: 'large language model',
        vendorType: 'third_party',
        vendorName: 'Example LLM Inc.',
        deploymentContext: 'public website',
        affectedStakeholders: ['customers'],
        autonomyLevel: 'human_on_the_loop',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: 'design' });
    const id: string = created.body.id;
    const path = `/api/v1/ai-systems/${id}`;

    expect((await h.api('POST', `${path}/submit`, as(owner))).body).toMatchObject({ stage: 'impact_assessment' });
    const template = await h.api('GET', '/api/v1/impact-assessments/template', as(owner));
    expect(template.status).toBe(200);
    expect(template.body.questions.length).toBeGreaterThan(5);

    const assessed = await h.api('POST', `${path}/impact-assessments`, { ...as(owner), body: { answers: answersFor('limited') } });
    expect(assessed.status).toBe(201);
    expect(assessed.body.riskTier).toBe('limited');
    expect(assessed.body.reasons.length).toBeGreaterThan(0);

    // Round 1: the governance office asks for changes from the emailed link.
    await decideByLink(governance.user.email, 'Action needed', 'request_changes', 'Add a human fallback');
    expect((await h.api('GET', path, as(owner))).body.stage).toBe('design');

    // Round 2: both steps approve from their links; a second click on a used link changes nothing.
    await h.api('POST', `${path}/submit`, as(owner));
    await h.api('POST', `${path}/impact-assessments`, { ...as(owner), body: { answers: answersFor('limited') } });
    h.mail.clear();
    const govLink = await decideByLink(governance.user.email, 'Action needed', 'approve', 'fine');
    const replay = await postLink(govLink, 'reject', 'replayed');
    expect(replay.status).toBe(409);
    await decideByLink(line.user.email, 'Action needed', 'approve', 'ok for my team');
    const approved = await h.api('GET', path, as(owner));
    expect(approved.body).toMatchObject({ stage: 'deployment', riskTier: 'limited' });

    const deployed = await h.api('POST', `${path}/deployments`, {
      ...as(owner),
      body: { version: '1.0.0', environment: 'production', configuration: { temperature: 0.2 } },
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });

    // The policy's 3-second cadence brings the periodic review; the owner continues.
    const review = await waitUntil(async () => {
      const tasks = await h.api('GET', '/api/v1/tasks', as(owner));
      return tasks.body.items?.find((t: { kind: string; aiSystemId: string }) => t.kind === 'review' && t.aiSystemId === id);
    }, 30000);
    expect((await h.api('GET', path, as(owner))).body.stage).toBe('periodic_review');
    const continued = await h.api('POST', `/api/v1/tasks/${review.id}/decision`, { ...as(owner), body: { decision: 'continue', comment: 'all metrics fine', checklist: reviewChecklist() } });
    expect(continued.status).toBe(200);
    expect((await h.api('GET', path, as(owner))).body.stage).toBe('operation');

    const rolledBack = await h.api('POST', `${path}/rollback`, { ...as(owner), body: { reason: 'latency regression' } });
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body.stage).toBe('rollback');
    const unapproved = await h.api('POST', `${path}/deployments`, { ...as(owner), body: { version: '9.9.9', environment: 'production', configuration: {} } });
    expect(unapproved.status).toBe(409);
    const redeployed = await h.api('POST', `${path}/deployments`, { ...as(owner), body: { version: '1.0.0', environment: 'production', configuration: {} } });
    expect(redeployed.body.stage).toBe('operation');

    const critical = await h.api('POST', `${path}/monitoring-events`, {
      ...as(owner),
      body: { kind: 'incident', severity: 'critical', description: 'harmful answer reported', source: 'support desk' },
    });
    expect(critical.status).toBe(201);
    expect((await h.api('GET', path, as(owner))).body.stage).toBe('periodic_review');
    const incidentReview = await waitUntil(async () => {
      const tasks = await h.api('GET', '/api/v1/tasks', as(owner));
      return tasks.body.items?.find((t: { kind: string; aiSystemId: string }) => t.kind === 'review' && t.aiSystemId === id);
    }, 10000);
    await h.api('POST', `/api/v1/tasks/${incidentReview.id}/decision`, { ...as(owner), body: {
        decision: 'retire',
        comment: 'replace the vendor',
        checklist: reviewChecklist({ incidents: { result: 'fail', note: 'harmful answer reported by support' } }),
      },
    });
    expect((await h.api('GET', path, as(owner))).body.stage).toBe('retirement');

    const items = ['access_revoked', 'model_archived_or_deleted', 'data_archived_or_deleted', 'users_informed', 'dependent_systems_updated'];
    for (const item of items) {
      const r = await h.api('POST', `${path}/retirement/checklist/${item}`, { ...as(owner), body: { note: `${item} done` } });
      expect([200, 201]).toContain(r.status);
    }
    const retired = await h.api('GET', path, as(owner));
    expect(retired.body.stage).toBe('retired');
    expect(retired.body.stageHistory.map((s: { toStage: string }) => s.toStage)).toEqual([
      'design',
      'impact_assessment',
      'approval',
      'design',
      'impact_assessment',
      'approval',
      'deployment',
      'operation',
      'periodic_review',
      'operation',
      'rollback',
      'operation',
      'periodic_review',
      'retirement',
      'retired',
    ]);

    const trail = await h.api('GET', `${path}/audit-trail`, as(auditor));
    expect(trail.status).toBe(200);
    const types: string[] = trail.body.events.map((e: { eventType: string }) => e.eventType);
    for (const expected of ['ai_system.registered', 'impact_assessment.submitted', 'approval.decided', 'deployment.recorded', 'monitoring_event.recorded', 'review.decided', 'retirement.checklist_item_done']) {
      expect(types).toContain(expected);
    }
    expect(trail.body.verification.ok).toBe(true);

    const report = await h.api('GET', '/api/v1/reports/lifecycle-stages', as(auditor));
    expect(report.status).toBe(200);
    const retiredCount = report.body.byStage.find((s: { stage: string }) => s.stage === 'retired')?.count;
    expect(retiredCount).toBeGreaterThanOrEqual(1);
    const csv = await fetch(`${h.baseUrl}/api/v1/reports/lifecycle-stages?format=csv`, { headers: { authorization: `Bearer ${auditor.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(/retired/);
  });

  it('rejects a prohibited system at assessment', async () => {
    const owner = await h.createUser(['product_owner']);
    const created = await h.api('POST', '/api/v1/ai-systems', {
      token: owner.token,
      body: {
        name: 'Social score',
        purpose: 'Score citizens',
        intendedUse: 'Eligibility',
        businessUnit: 'Public services',
        dataSources: ['registry'],
        dataCategories: ['behaviour'],
        personalData: true,
        specialCategoryData: false,
        modelType: 'scoring model',
        vendorType: 'in_house',
        deploymentContext: 'public administration',
        affectedStakeholders: ['citizens'],
        autonomyLevel: 'fully_automated',
      },
    });
    expect({ status: created.status, body: created.body }).toMatchObject({ status: 201, body: { stage: 'design' } });
    const path = `/api/v1/ai-systems/${created.body.id}`;
    await h.api('POST', `${path}/submit`, { token: owner.token });
    const assessed = await h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: answersFor('prohibited') } });
    expect(assessed.body).toMatchObject({ riskTier: 'prohibited', stage: 'rejected' });
    const tasks = await h.dataSource.query('SELECT count(*)::int AS n FROM tasks WHERE ai_system_id = $1', [created.body.id]);
    expect(tasks[0].n).toBe(0);
    expect((await h.api('GET', '/api/v1/ai-systems?stage=rejected&pageSize=200', { token: admin })).status).toBe(403);
  });
});
