import { answersFor, baselineAnswers } from '../../support/assessment-answers';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

const registration = (overrides: Record<string, unknown> = {}) => ({
  name: `Ticket ranker ${Math.random().toString(36).slice(2, 8)}`,
  purpose: 'Rank support tickets by urgency',
  intendedUse: 'Internal triage; a person reads every ticket',
  businessUnit: 'Support',
  dataSources: ['ticket system'],
  dataCategories: ['contact data'],
  personalData: true,
  specialCategoryData: false,
  modelType: 'classifier',
  vendorType: 'in_house',
  deploymentContext: 'internal tool',
  affectedStakeholders: ['customers'],
  autonomyLevel: 'human_in_the_loop',
  ...overrides,
});

/**
 * Every refusal answers with the one error shape, names the field where there is one, and
 * writes nothing: row counts of every table are compared before and after.
 */
describe('API refusals', () => {
  let h: Harness;
  let owner: HarnessUser;
  let otherOwner: HarnessUser;
  let approver: HarnessUser;
  let auditor: HarnessUser;
  let systemId: string;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    owner = await h.createUser(['product_owner']);
    otherOwner = await h.createUser(['product_owner']);
    approver = await h.createUser(['approver']);
    auditor = await h.createUser(['auditor']);
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: registration() });
    expect(created.status).toBe(201);
    systemId = created.body.id;
  });
  afterAll(async () => h?.stop());

  /** Runs the request and asserts the status, error shape, field, and that no table changed. */
  async function refused(
    status: number,
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> },
    field?: string,
  ) {
    const before = await h.rowCounts();
    const response = await h.api(method, path, opts);
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status } });
    expect(typeof response.body.error).toBe('string');
    expect(response.body.message.length).toBeGreaterThan(3);
    if (field) expect(response.body.field).toBe(field);
    expect(await h.rowCounts()).toEqual(before);
    return response.body;
  }

  it('needs a valid bearer token', async () => {
    await refused(401, 'GET', '/api/v1/ai-systems', {});
    await refused(401, 'GET', '/api/v1/ai-systems', { token: 'not-a-token' });
  });

  it('refuses the bootstrap admin token everywhere once an admin exists, and users are listed by an admin', async () => {
    await refused(403, 'GET', '/api/v1/ai-systems', { token: h.config.adminToken });
    await refused(403, 'GET', '/api/v1/tasks', { token: h.config.adminToken });
    await refused(403, 'GET', '/api/v1/users', { token: h.config.adminToken });
    await refused(403, 'POST', '/api/v1/users', { token: owner.token, body: { email: 'x@example.test', name: 'X', roles: ['admin'] } });
    const list = await h.api('GET', '/api/v1/users', { token: h.admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toContain(owner.user.id);
    expect(JSON.stringify(list.body)).not.toMatch(/token/i);
  });

  it('validates users and refuses duplicates', async () => {
    await refused(400, 'POST', '/api/v1/users', { token: h.admin.token, body: { email: 'a@example.test', name: 'A', roles: ['wizard'] } }, 'roles');
    await refused(400, 'POST', '/api/v1/users', { token: h.admin.token, body: { email: 'not-an-email', name: 'A', roles: ['auditor'] } }, 'email');
    await refused(409, 'POST', '/api/v1/users', { token: h.admin.token, body: { email: owner.user.email.toUpperCase(), name: 'Twin', roles: ['auditor'] } }, 'email');
    await refused(400, 'POST', '/api/v1/users', {
      token: h.admin.token,
      body: { email: 'b@example.test', name: 'B', roles: ['auditor'], managerId: '00000000-0000-4000-8000-000000000000' },
    }, 'managerId');
  });

  it('validates a registration field by field', async () => {
    const { name: _omitted, ...withoutName } = registration();
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: withoutName }, 'name');
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registration({ vendorType: 'friend' }) }, 'vendorType');
    // a missing vendor says it is required (not that an absent name is too short)
    expect((await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registration({ vendorType: 'third_party' }) }, 'vendorName')).message).toBe(
      'vendorName is required for a third-party system',
    );
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registration({ vendorType: 'third_party', vendorName: '' }) }, 'vendorName');
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registration({ dataSources: 'tickets' }) }, 'dataSources');
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: registration({ colour: 'blue' }) }, 'colour');
    await refused(400, 'POST', '/api/v1/ai-systems', { token: owner.token, body: '{"name":', headers: { 'content-type': 'application/json' } });
    await refused(403, 'POST', '/api/v1/ai-systems', { token: approver.token, body: registration() });
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    await refused(404, 'GET', '/api/v1/ai-systems/00000000-0000-4000-8000-000000000000', { token: owner.token }, 'id');
    await refused(400, 'GET', '/api/v1/ai-systems/42', { token: owner.token }, 'id');
    await refused(404, 'POST', '/api/v1/ai-systems/00000000-0000-4000-8000-000000000000/submit', { token: owner.token }, 'id');
    await refused(404, 'POST', '/api/v1/tasks/00000000-0000-4000-8000-000000000000/decision', { token: owner.token, body: { decision: 'approve' } }, 'taskId');
  });

  it('refuses actions the current stage does not allow with 409, leaving no trace', async () => {
    await refused(409, 'POST', `/api/v1/ai-systems/${systemId}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production' } });
    await refused(409, 'POST', `/api/v1/ai-systems/${systemId}/impact-assessments`, { token: owner.token, body: { answers: baselineAnswers() } });
    await refused(409, 'POST', `/api/v1/ai-systems/${systemId}/rollback`, { token: owner.token, body: { reason: 'why not' } });
    await refused(409, 'POST', `/api/v1/ai-systems/${systemId}/retirement/checklist/access_revoked`, { token: owner.token, body: {} });
    await refused(409, 'POST', `/api/v1/ai-systems/${systemId}/monitoring-events`, { token: owner.token, body: { kind: 'drift', severity: 'low' } });
    const detail = await h.api('GET', `/api/v1/ai-systems/${systemId}`, { token: owner.token });
    expect(detail.body.stage).toBe('design');
    expect(detail.body.stageHistory).toHaveLength(1);
  });

  it('validates assessment answers before anything reaches the workflow', async () => {
    const path = `/api/v1/ai-systems/${systemId}`;
    expect((await h.api('POST', `${path}/submit`, { token: owner.token })).status).toBe(201);
    const wrongType = { ...answersFor('minimal'), art5_social_scoring: 'no' };
    await refused(400, 'POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: wrongType } }, 'answers.art5_social_scoring');
    const unknown = { ...answersFor('minimal'), favourite_colour: 'blue' };
    await refused(400, 'POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: unknown } }, 'answers.favourite_colour');
    const { annex3_area: _missing, ...incomplete } = answersFor('minimal');
    await refused(400, 'POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: incomplete } }, 'answers.annex3_area');
    await refused(400, 'POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: [] } }, 'answers');
    await refused(400, 'POST', `${path}/deployments`, { token: owner.token, body: { version: 'bad version!', environment: 'x' } }, 'version');
  });

  it('keeps other people out of a system', async () => {
    await refused(403, 'GET', `/api/v1/ai-systems/${systemId}`, { token: otherOwner.token });
    await refused(403, 'POST', `/api/v1/ai-systems/${systemId}/retirement`, { token: otherOwner.token, body: { reason: 'not mine' } });
    const mine = await h.api('GET', '/api/v1/ai-systems', { token: otherOwner.token });
    expect(mine.body.items.map((s: { id: string }) => s.id)).not.toContain(systemId);
    const all = await h.api('GET', `/api/v1/ai-systems?pageSize=200`, { token: auditor.token });
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(systemId);
    await refused(403, 'GET', '/api/v1/reports/lifecycle-stages', { token: owner.token });
    await refused(400, 'GET', '/api/v1/reports/lifecycle-stages?format=xml', { token: auditor.token }, 'format');
    await refused(403, 'GET', '/api/v1/tasks?assignee=all', { token: owner.token }, 'assignee');
    await refused(400, 'GET', '/api/v1/ai-systems?stage=limbo', { token: auditor.token }, 'stage');
    await refused(400, 'GET', '/api/v1/ai-systems?pageSize=100000', { token: auditor.token }, 'pageSize');
  });

  it('refuses altered, unknown and expired action links without deciding anything', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await refused(404, 'GET', '/actions/not-a-token', {}, 'token');
    const fake = `00000000-0000-4000-8000-000000000000.${'a'.repeat(32)}.${'b'.repeat(43)}`;
    await refused(403, 'GET', `/actions/${fake}`, {}, 'token');
    await refused(403, 'POST', `/actions/${fake}`, { body: 'decision=approve', headers: form }, 'token');
    // A browser (no JSON in Accept) gets a page, with the same status.
    const page = await fetch(`${h.baseUrl}/actions/${fake}`);
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('altered');
  });

  it('shows an emailed link without writing, refuses it once expired, and refuses a non-assignee in the inbox', async () => {
    const governance = await h.createUser(['governance_office']);
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: registration() });
    const path = `/api/v1/ai-systems/${created.body.id}`;
    await h.api('POST', `${path}/submit`, { token: owner.token });
    const assessed = await h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: answersFor('minimal') } });
    expect(assessed.body).toMatchObject({ riskTier: 'minimal', stage: 'approval' });
    const mail = await h.mail.waitFor((m) => m.to.includes(governance.user.email), 30000);
    const link = mail.text.match(/https?:\/\/\S+\/actions\/[A-Za-z0-9._-]+/)![0];
    const token = link.split('/actions/')[1];
    // The outbox keeps the mail without the personal link.
    const [outbox] = await h.dataSource.query('SELECT text_body FROM email_outbox WHERE to_address = $1', [governance.user.email]);
    expect(outbox.text_body).not.toContain(token);

    const before = await h.rowCounts();
    for (const method of ['GET', 'HEAD']) expect((await fetch(link, { method })).status).toBe(200);
    expect(await h.rowCounts()).toEqual(before);

    const [task] = (await h.api('GET', '/api/v1/tasks', { token: governance.token })).body.items;
    expect(task).toMatchObject({ kind: 'approval', aiSystemId: created.body.id, status: 'open' });
    await refused(403, 'POST', `/api/v1/tasks/${task.id}/decision`, { token: auditor.token, body: { decision: 'approve' } }, 'taskId');
    await refused(400, 'POST', `/api/v1/tasks/${task.id}/decision`, { token: governance.token, body: { decision: 'reject' } }, 'comment');
    await refused(400, 'POST', `/api/v1/tasks/${task.id}/decision`, { token: governance.token, body: { decision: 'continue' } }, 'decision');

    await h.dataSource.query(`UPDATE action_tokens SET expires_at = now() - interval '1 minute' WHERE task_id = $1`, [task.id]);
    await refused(410, 'GET', `/actions/${token}`, {}, 'token');
    await refused(410, 'POST', `/actions/${token}`, { body: 'decision=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'token');
    expect((await h.api('GET', path, { token: owner.token })).body.stage).toBe('approval');
  });

  it('serves health and an OpenAPI document with the error shape', async () => {
    expect(await h.api('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.api('GET', '/health/ready')).toMatchObject({ status: 200, body: { status: 'ok', database: 'up', temporal: 'up' } });
    const doc = await h.api('GET', '/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/ai-systems', '/api/v1/tasks/{id}/decision', '/api/v1/ai-systems/{id}/audit-trail']));
    expect(doc.body.components.schemas.ApiError.required).toEqual(['statusCode', 'error', 'message']);
    expect(doc.body.components.schemas.RegisterAiSystemDto.required).toEqual(expect.arrayContaining(['name', 'purpose', 'vendorType']));
    // A route guarded by an access-policy action names its roles on the 403, with the error shape.
    const reportForbidden = doc.body.paths['/api/v1/reports/lifecycle-stages'].get.responses['403'];
    expect(reportForbidden.description).toContain('governance_office, auditor, admin');
    expect(reportForbidden.content['application/json'].schema.$ref).toBe('#/components/schemas/ApiError');
    expect(doc.body.paths['/api/v1/ai-systems/{id}'].get.responses['403'].description).toBe('Not allowed for this user');
  });
});
