import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { scopeContentHash } from '@aigov/persistence/scope/scope-store';
import { AUTHORIZE_CONNECTIONS_APPLICATION_NAME } from '@aigov/api/scope/authorize/authorize-read-connections';
import { AdjustableClock } from '../../support/adjustable-clock';
import { answersFor } from '../../support/assessment-answers';
import { ApiResponse, Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registrationBody, submitAndAssess } from '../../support/governance-flows';
import { parsePrometheusText } from '../../support/prometheus-text';
import { waitUntil } from '../../support/wait-until';
import { settledRowCounts } from '../../support/monitoring-plan-flows';

const SCOPE = {
  dataCategories: ['customer_contact', 'claims_history'],
  tools: ['crm.search', 'mail.send'],
  decisions: ['claim_triage'],
  autonomy: 'human_in_the_loop',
};
const sorted = (s: typeof SCOPE) => ({ ...s, dataCategories: [...s.dataCategories].sort(), tools: [...s.tools].sort(), decisions: [...s.decisions].sort() });
const sha = (c: string) => `sha256:${c.repeat(64)}`;

/**
 * Approved scope that runtime systems enforce, on the real stack (PostgreSQL, Temporal, worker,
 * API): the scope proposed at registration is frozen by the approval (versioned, hashed,
 * audited); POST /authorize allows inside it and denies outside it naming the target; a
 * rollback or suspension is a deny on the very next call; a version or model that is not the
 * approved one is denied; a scope change through a material change counts only once approved;
 * gateway tokens reach authorize and nothing else; refused and malformed requests write nothing;
 * denials are audited (first at once, the rest per minute) and every decision is counted.
 */
describe('approved scope enforced by POST /authorize', () => {
  let h: Harness;
  let owner: HarnessUser;
  let gov: HarnessUser;
  let gateway: { id: string; secret: string };
  const clock = new AdjustableClock();
  const metricsToken = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/scope-policy.yaml'), env: { METRICS_TOKEN: metricsToken }, clock });
    owner = await h.createUser(['product_owner']);
    gov = await h.createUser(['governance_office']);
    const issued = await h.api('POST', '/api/v1/gateway-tokens', { token: h.admin.token, body: { gatewayName: 'claims-agent-runtime', gatewayKind: 'agent_runtime' } });
    expect(issued.status).toBe(201);
    expect(issued.body.secret).toMatch(/^aigw_[A-Za-z0-9_-]{43}$/);
    gateway = { id: issued.body.token.id, secret: issued.body.secret };
  });
  afterAll(async () => h?.stop());

  const authorize = (body: unknown, token: string = gateway.secret): Promise<ApiResponse> => h.api('POST', '/api/v1/authorize', { token, body });
  /**
   * Denials are aggregated per minute of the API's clock: a test that counts audit events moves
   * that clock to the start of a minute first, so no minute ends in the middle of it.
   */
  const startOfMinute = () => clock.advance(60_000 - (clock.now().getTime() % 60_000) + 10);
  const stageOf = async (id: string) => (await h.dataSource.query('SELECT stage FROM ai_systems WHERE id = $1', [id]))[0]?.stage as string;
  const auditCount = async () => Number((await h.dataSource.query('SELECT count(*)::int AS n FROM audit_events'))[0].n);
  const streamEvents = (stream: string) =>
    h.dataSource.query(`SELECT event_type, actor_id, actor_label, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [stream]) as Promise<
      Array<{ event_type: string; actor_id: string | null; actor_label: string; payload: Record<string, unknown> }>
    >;

  /** Registered (with `scope` unless null), assessed minimal and approved by the governance office: waits in deployment. */
  async function approved(scope: object | null = SCOPE): Promise<{ id: string; path: string }> {
    const created = await h.api('POST', '/api/v1/ai-systems', {
      token: owner.token,
      body: { ...registrationBody(`Claims agent ${randomUUID().slice(0, 6)}`), accountableOwnerId: owner.user.id, ...(scope ? { scope } : {}) },
    });
    expect(created.status).toBe(201);
    const path = `/api/v1/ai-systems/${created.body.id}`;
    await submitAndAssess(h, path, owner, 'minimal');
    await approveOpenTask(created.body.id);
    await waitUntil(async () => ((await stageOf(created.body.id)) === 'deployment' ? true : null), 30_000, 'the approval');
    return { id: created.body.id, path };
  }

  async function approveOpenTask(systemId: string): Promise<void> {
    const task = await openTaskOf(h, systemId, gov);
    const decided = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
  }

  async function deploy(path: string, version = '1.0.0', model?: { name: string; version: string; checksum: string }): Promise<void> {
    const deployed = await h.api('POST', `${path}/deployments`, { token: owner.token, body: { version, environment: 'production', ...(model ? { model } : {}) } });
    expect({ status: deployed.status, stage: deployed.body.stage }).toEqual({ status: 201, stage: 'operation' });
  }

  it('freezes the proposed scope when the approval round approves (versioned, hashed, audited); allows inside it, denies outside naming the target', async () => {
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Claims agent A'), scope: SCOPE } });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const path = `/api/v1/ai-systems/${id}`;

    const proposed = await h.api('GET', `${path}/scope`, { token: owner.token });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ approved: null, proposal: sorted(SCOPE), proposalOpen: true, canPropose: true, history: [] });
    expect(proposed.body.diff.tools.added).toEqual(['crm.search', 'mail.send']);

    // Shaped in design; the same content again writes nothing.
    const edited = { ...SCOPE, tools: [...SCOPE.tools, 'crm.update'] };
    const put = await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: edited });
    expect(put.status).toBe(200);
    expect(put.body.proposal.tools).toEqual(['crm.search', 'crm.update', 'mail.send']);
    const before = await h.rowCounts();
    expect((await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: edited })).status).toBe(200);
    expect(await h.rowCounts()).toEqual(before);
    // Someone else's system: refused, nothing written.
    const stranger = await h.createUser(['product_owner']);
    const refused = await h.api('PUT', `${path}/scope/proposal`, { token: stranger.token, body: SCOPE });
    expect(refused.status).toBe(403);

    // With the approvers, the proposal stays as they see it.
    await submitAndAssess(h, path, owner, 'minimal');
    // The round's task, its prompt and their audit events land after the assessment answered.
    const beforeLocked = await settledRowCounts(h);
    const locked = await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: SCOPE });
    expect({ status: locked.status, field: locked.body.field }).toEqual({ status: 409, field: 'scope' });
    expect(locked.body.message).toMatch(/with the approvers/);
    expect(await h.rowCounts()).toEqual(beforeLocked);
    expect((await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] })).body).toMatchObject({ decision: 'deny', reason: 'not_deployed' });

    await approveOpenTask(id);
    await waitUntil(async () => ((await stageOf(id)) === 'deployment' ? true : null), 30_000, 'the approval');
    const frozen = await h.api('GET', `${path}/scope`, { token: owner.token });
    const expectedScope = { dataCategories: ['claims_history', 'customer_contact'], tools: ['crm.search', 'crm.update', 'mail.send'], decisions: ['claim_triage'], autonomy: 'human_in_the_loop' as const };
    const hash = scopeContentHash(id, 1, expectedScope);
    expect(frozen.body).toMatchObject({ approved: { ...expectedScope, version: 1, hash, status: 'approved', approvalRound: 1, materialChangeId: null }, proposal: null, diff: null, proposalOpen: false });
    expect(frozen.body.history.map((v: { version: number }) => v.version)).toEqual([1]);
    const trail = await streamEvents(`scope:${id}`);
    expect(trail.map((e) => e.event_type)).toEqual(['scope.proposed', 'scope.proposed', 'scope.approved']);
    expect(trail[0].payload).toMatchObject({ source: 'registration' });
    expect(trail[1]).toMatchObject({ actor_id: owner.user.id, payload: { source: 'edit' } });
    expect(trail[2].payload).toMatchObject({ version: 1, hash, scope: expectedScope, approvalRound: 1, supersedes: null });
    // The approved scope is not edited in place: only a material change changes it.
    const afterApproval = await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: SCOPE });
    expect(afterApproval.status).toBe(409);

    // Approved but not deployed: denied; deployed: allowed inside, denied outside with the target.
    expect((await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] })).body.reason).toBe('not_deployed');
    await deploy(path);
    const allowed = await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search', 'mail.send'] });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({
      decision: 'allow',
      reason: 'inside_scope',
      message: expect.stringContaining('inside the approved scope'),
      systemId: id,
      target: null,
      outsideScope: [],
      runningVersion: '1.0.0',
      scope: { version: 1, hash, autonomy: 'human_in_the_loop' },
    });
    const outside = await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search', 'payments.refund'] });
    expect(outside.body).toMatchObject({ decision: 'deny', reason: 'outside_scope', target: 'payments.refund', outsideScope: ['payments.refund'], systemId: id });
    expect(outside.body.message).toMatch(/'payments\.refund' is outside the approved scope of Claims agent A/);
    expect((await authorize({ systemId: id, action: 'use_data', targets: ['customer_contact'] })).body.decision).toBe('allow');
    expect((await authorize({ systemId: id, action: 'use_data', targets: ['health_records'] })).body).toMatchObject({ reason: 'outside_scope', target: 'health_records' });
    expect((await authorize({ systemId: id, action: 'take_decision', targets: ['claim_triage'] })).body.decision).toBe('allow');
    expect((await authorize({ systemId: id, action: 'take_decision', targets: ['claim_triage'], autonomy: 'fully_automated' })).body.reason).toBe('autonomy_exceeded');

    // An allow writes nothing.
    await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] });
    const quiet = await h.rowCounts();
    for (let i = 0; i < 20; i++) expect((await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] })).body.decision).toBe('allow');
    expect(await h.rowCounts()).toEqual(quiet);
  });

  it('denies a system approved without a scope, and one never registered (audited once, as ungoverned)', async () => {
    const { id, path } = await approved(null);
    await deploy(path);
    expect((await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] })).body).toMatchObject({ decision: 'deny', reason: 'no_approved_scope', scope: null });

    const ghost = randomUUID();
    startOfMinute();
    const ungoverned = async () => (await streamEvents('authorize')).length;
    const before = await ungoverned();
    const unknown = await authorize({ systemId: ghost, action: 'use_data', targets: ['customer_contact'] });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ decision: 'deny', reason: 'unknown_system', systemId: null, scope: null });
    expect(unknown.body.message).toContain(ghost);
    await authorize({ systemId: randomUUID(), action: 'use_data', targets: ['customer_contact'] });
    // One event for the minute (the second is counted, written when the minute ends), not under any system.
    const events = await streamEvents('authorize');
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ event_type: 'authorize.denied', payload: { reason: 'unknown_system', reference: `id ${ghost}` } });
  });

  it('denies on the very next call after a rollback and after a suspension: nothing outlives them', async () => {
    const { id, path } = await approved();
    await deploy(path);
    const ask = { systemId: id, action: 'call_tool', targets: ['crm.search'] };
    expect((await authorize(ask)).body.decision).toBe('allow');

    // A gateway asking without pause while the rollback runs: everything sent after the rollback's answer is a deny.
    const answers: Array<{ sentAt: number; decision: string; reason: string }> = [];
    let running = true;
    const hammer = (async () => {
      while (running) {
        const sentAt = performance.now();
        const r = await authorize(ask);
        answers.push({ sentAt, decision: r.body.decision, reason: r.body.reason });
      }
    })();
    const rolledBack = await h.api('POST', `${path}/rollback`, { token: owner.token, body: { reason: 'tool misuse reported' } });
    const rollbackAnswered = performance.now();
    expect(rolledBack.status).toBe(201);
    const next = await authorize(ask);
    running = false;
    await hammer;
    // Only version 1.0.0 was ever approved: nothing to return to, so no version is in service.
    expect(next.body).toMatchObject({ decision: 'deny', reason: 'suspended', runningVersion: null });
    const after = answers.filter((a) => a.sentAt > rollbackAnswered);
    expect(after.every((a) => a.decision === 'deny')).toBe(true);
    expect(answers.some((a) => a.decision === 'allow')).toBe(true);

    // Redeployed: allowed again; a critical monitoring event suspends it (the policy's response): denied at once.
    await deploy(path);
    expect((await authorize(ask)).body.decision).toBe('allow');
    const critical = await h.api('POST', `${path}/monitoring-events`, { token: owner.token, body: { kind: 'drift', severity: 'critical', metric: 'unprompted mails', observedValue: 12, threshold: 0, description: 'agent mailed customers unprompted' } });
    expect(critical.status).toBe(201);
    expect(critical.body).toMatchObject({ response: 'suspend', stage: 'rollback' });
    expect((await authorize(ask)).body).toMatchObject({ decision: 'deny', reason: 'suspended' });
  });

  it('denies a version or model that is not the approved one in operation, and asks which system when a model is shared', async () => {
    const model = { name: `triage-model-${randomUUID().slice(0, 8)}`, version: '7', checksum: sha('a') };
    const { id, path } = await approved();
    await deploy(path, '1.0.0', model);
    const base = { action: 'call_tool', targets: ['crm.search'] };
    expect((await authorize({ ...base, systemId: id, version: '1.0.0' })).body.decision).toBe('allow');
    const wrongVersion = await authorize({ ...base, systemId: id, version: '1.1.0' });
    expect(wrongVersion.body).toMatchObject({ decision: 'deny', reason: 'version_not_approved', runningVersion: '1.0.0' });
    expect(wrongVersion.body.message).toMatch(/version '1\.1\.0' is not the approved version in operation/);

    // By the model alone: the system is found by it; another model version is denied.
    const byModel = await authorize({ ...base, model: { name: model.name, version: '7' } });
    expect(byModel.body).toMatchObject({ decision: 'allow', systemId: id });
    expect((await authorize({ ...base, model: { name: model.name, version: '8' } })).body).toMatchObject({ decision: 'deny', reason: 'version_not_approved', systemId: id });
    expect((await authorize({ ...base, systemId: id, model: { name: 'someone-elses-model', version: '7' } })).body.reason).toBe('version_not_approved');
    expect((await authorize({ ...base, model: { name: `never-deployed-${randomUUID()}`, version: '1' } })).body.reason).toBe('unknown_system');

    // The same model behind a second system: by model alone it is ambiguous; with the system id it is not.
    const second = await approved();
    await deploy(second.path, '1.0.0', model);
    expect((await authorize({ ...base, model: { name: model.name, version: '7' } })).body).toMatchObject({ decision: 'deny', reason: 'ambiguous_model', systemId: null });
    expect((await authorize({ ...base, systemId: second.id, model: { name: model.name, version: '7' } })).body.decision).toBe('allow');
  });

  it('changes the scope only through a material change, effective when the change is approved, not before', async () => {
    const { id, path } = await approved();
    await deploy(path);
    const refund = { systemId: id, action: 'call_tool', targets: ['payments.refund'] };
    expect((await authorize(refund)).body.reason).toBe('outside_scope');
    const wider = { ...SCOPE, tools: [...SCOPE.tools, 'payments.refund'] };
    const change = (body: Record<string, unknown>) => h.api('POST', `${path}/changes`, { token: owner.token, body: { description: 'refunds under 100 EUR', version: '2.0.0', ...body } });

    // Malformed: refused before anything is written.
    const before = await h.rowCounts();
    const noScope = await change({ kinds: ['scope'] });
    expect({ status: noScope.status, field: noScope.body.field }).toEqual({ status: 400, field: 'scope' });
    const noKind = await change({ kinds: ['purpose'], newPurpose: 'also refunds', scope: wider });
    expect({ status: noKind.status, field: noKind.body.field }).toEqual({ status: 400, field: 'kinds' });
    const badEntry = await change({ kinds: ['scope'], scope: { ...wider, tools: ['refund everything'] } });
    expect({ status: badEntry.status, field: badEntry.body.field }).toEqual({ status: 400, field: 'scope.tools' });
    expect(await h.rowCounts()).toEqual(before);

    // A proposal withdrawn with its change leaves the approved scope as it was.
    const first = await change({ kinds: ['scope'], scope: wider });
    expect(first.status).toBe(201);
    expect((await h.api('POST', `${path}/changes/${first.body.id}/withdrawal`, { token: owner.token, body: { reason: 'not yet' } })).status).toBe(200);
    const [closed] = await h.dataSource.query(`SELECT status FROM ai_system_scopes WHERE material_change_id = $1`, [first.body.id]);
    expect(closed.status).toBe('returned');
    expect((await h.api('GET', `${path}/scope`, { token: owner.token })).body).toMatchObject({ approved: { version: 1 }, proposal: null });

    const proposed = await change({ kinds: ['scope'], scope: wider });
    expect(proposed.status).toBe(201);
    const pending = await h.api('GET', `${path}/scope`, { token: gov.token });
    expect(pending.body).toMatchObject({ approved: { version: 1 }, proposal: { materialChangeId: proposed.body.id }, proposalOpen: true, proposalChangeId: proposed.body.id });
    expect(pending.body.diff).toMatchObject({ tools: { added: ['payments.refund'], removed: [] }, autonomy: null, changed: true });
    // Proposed is not approved: still denied.
    expect((await authorize(refund)).body).toMatchObject({ decision: 'deny', reason: 'outside_scope', scope: { version: 1 } });
    // While the change is assessed the proposal may still change; once its round starts it may not.
    const amended = await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: { ...wider, tools: [...wider.tools, 'payments.status'] } });
    expect(amended.body.diff.tools.added).toEqual(['payments.refund', 'payments.status']);
    expect((await h.api('POST', `${path}/impact-assessments`, { token: owner.token, body: { answers: answersFor('minimal') } })).status).toBe(201);
    expect((await h.api('PUT', `${path}/scope/proposal`, { token: owner.token, body: wider })).status).toBe(409);
    expect((await authorize(refund)).body.reason).toBe('outside_scope');

    await approveOpenTask(id);
    const v2 = await waitUntil(async () => {
      const r = await h.api('GET', `${path}/scope`, { token: owner.token });
      return r.body.approved?.version === 2 ? r.body : null;
    }, 30_000, 'scope version 2');
    expect(v2.approved).toMatchObject({ materialChangeId: proposed.body.id, tools: ['crm.search', 'mail.send', 'payments.refund', 'payments.status'] });
    expect(v2.history.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([[2, 'approved'], [1, 'superseded']]);
    expect((await authorize(refund)).body).toMatchObject({ decision: 'allow', scope: { version: 2, hash: v2.approved.hash } });
    const approvedEvent = (await streamEvents(`scope:${id}`)).find((e) => e.event_type === 'scope.approved' && e.payload.version === 2);
    expect(approvedEvent?.payload).toMatchObject({ materialChangeId: proposed.body.id, supersedes: { version: 1 } });

    // The change deploys as 2.0.0; rolled back, 1.0.0 is in place but out of service: denied as rolled back.
    await deploy(path, '2.0.0');
    expect((await authorize({ ...refund, version: '2.0.0' })).body.decision).toBe('allow');
    expect((await h.api('POST', `${path}/rollback`, { token: owner.token, body: { reason: 'refund errors' } })).status).toBe(201);
    expect((await authorize(refund)).body).toMatchObject({ decision: 'deny', reason: 'rolled_back', runningVersion: '1.0.0' });
  });

  it('lets a gateway token call authorize and nothing else, and people only from the governance office; refusals write nothing', async () => {
    const { id, path } = await approved();
    await deploy(path);
    const ask = { systemId: id, action: 'call_tool', targets: ['crm.search'] };
    const fresh = await h.api('POST', '/api/v1/gateway-tokens', { token: h.admin.token, body: { gatewayName: 'llm-gateway', gatewayKind: 'ai_gateway', expiresInDays: 30 } });
    const secret: string = fresh.body.secret;

    const refusedQuietly = async (status: number, method: string, route: string, token: string | undefined, body?: unknown) => {
      const counts = await h.rowCounts();
      const [use] = await h.dataSource.query('SELECT last_used_at FROM gateway_tokens WHERE id = $1', [fresh.body.token.id]);
      const r = await h.api(method, route, { token, body });
      expect({ route, status: r.status }).toEqual({ route, status });
      expect(await h.rowCounts()).toEqual(counts);
      expect((await h.dataSource.query('SELECT last_used_at FROM gateway_tokens WHERE id = $1', [fresh.body.token.id]))[0]).toEqual(use);
      return r.body;
    };
    // A gateway token anywhere else: 403 before anything runs.
    expect((await refusedQuietly(403, 'GET', '/api/v1/ai-systems', secret)).message).toBe('a gateway token may call only POST /api/v1/authorize');
    await refusedQuietly(403, 'GET', `${path}/scope`, secret);
    await refusedQuietly(403, 'POST', '/api/v1/ai-systems', secret, registrationBody('Sneaky'));
    await refusedQuietly(403, 'POST', '/api/v1/gateway-tokens', secret, { gatewayName: 'self-minted', gatewayKind: 'ai_gateway' });
    await refusedQuietly(403, 'PUT', `${path}/scope/proposal`, secret, SCOPE);
    // People: a product owner (even of this system) and an approver are refused; so are no token and a made-up one.
    const approver = await h.createUser(['approver']);
    expect((await refusedQuietly(403, 'POST', '/api/v1/authorize', owner.token, { ...ask, targets: ['payments.refund'] })).message).toMatch(/gateway token or the governance office/);
    await refusedQuietly(403, 'POST', '/api/v1/authorize', approver.token, ask);
    await refusedQuietly(401, 'POST', '/api/v1/authorize', undefined, ask);
    await refusedQuietly(401, 'POST', '/api/v1/authorize', `aigw_${randomBytes(32).toString('base64url')}`, ask);
    // Only admins manage gateway tokens.
    await refusedQuietly(403, 'POST', '/api/v1/gateway-tokens', gov.token, { gatewayName: 'x', gatewayKind: 'ai_gateway' });
    await refusedQuietly(403, 'GET', '/api/v1/gateway-tokens', owner.token);
    const badName = await refusedQuietly(400, 'POST', '/api/v1/gateway-tokens', h.admin.token, { gatewayName: 'has spaces', gatewayKind: 'ai_gateway' });
    expect(badName.field).toBe('gatewayName');

    // The token works; its use is recorded (at most once a minute).
    expect((await authorize(ask, secret)).body.decision).toBe('allow');
    const [used] = await h.dataSource.query('SELECT last_used_at FROM gateway_tokens WHERE id = $1', [fresh.body.token.id]);
    expect(used.last_used_at).not.toBeNull();

    // Rotation: both secrets work during the overlap; revocation ends the old one at once.
    const rotated = await h.api('POST', `/api/v1/gateway-tokens/${fresh.body.token.id}/rotate`, { token: h.admin.token, body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).toMatchObject({ gatewayName: 'llm-gateway', gatewayKind: 'ai_gateway', rotatedFromId: fresh.body.token.id });
    expect([(await authorize(ask, secret)).status, (await authorize(ask, rotated.body.secret)).status]).toEqual([200, 200]);
    const revoked = await h.api('DELETE', `/api/v1/gateway-tokens/${fresh.body.token.id}`, { token: h.admin.token });
    expect(revoked.body.status).toBe('revoked');
    const gone = await refusedQuietly(401, 'POST', '/api/v1/authorize', secret, ask);
    expect(gone.message).toMatch(/revoked/);
    expect((await authorize(ask, rotated.body.secret)).body.decision).toBe('allow');
    const listed = await h.api('GET', '/api/v1/gateway-tokens', { token: h.admin.token });
    expect(listed.body.find((t: { id: string }) => t.id === fresh.body.token.id)).toMatchObject({ status: 'revoked', prefix: secret.slice(0, 10) });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const adminTrail = await streamEvents('gateway-tokens');
    expect(adminTrail.map((e) => e.event_type)).toEqual(expect.arrayContaining(['gateway_token.issued', 'gateway_token.rotated', 'gateway_token.revoked']));

    // The governance office tests a scope with its own token: the same answer; its denial is audited under its name.
    expect((await authorize(ask, gov.token)).body.decision).toBe('allow');
    startOfMinute();
    const test = await authorize({ ...ask, targets: ['payments.refund'] }, gov.token);
    expect(test.body).toMatchObject({ decision: 'deny', reason: 'outside_scope', target: 'payments.refund' });
    const denied = (await streamEvents(`authorize:${id}`)).filter((e) => e.actor_id === gov.user.id);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ event_type: 'authorize.denied', actor_label: gov.user.email, payload: { reason: 'outside_scope', targets: ['payments.refund'], caller: { kind: 'person' } } });
  });

  it('answers gateways in the fast lane with exactly the full route’s answer, and passes on to it what the lane is not sure of', async () => {
    const model = { name: `lane-model-${randomUUID().slice(0, 8)}`, version: '3', checksum: sha('b') };
    const { id, path } = await approved();
    await deploy(path, '1.0.0', model);
    const scrape = async () => {
      const r = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      return parsePrometheusText(await r.text());
    };
    const lane = (m: ReturnType<typeof parsePrometheusText>, outcome: string) => m.value('aigov_authorize_fast_lane_requests_total', { outcome }) ?? 0;
    const base = { systemId: id, action: 'call_tool' };
    // The person's request takes the full route (Nest, guard, validation pipe); the gateway's the fast lane.
    const questions = [
      { ...base, targets: ['crm.search', 'mail.send'] },
      { ...base, targets: ['crm.search', 'shell.exec', 'ftp.put'] },
      { ...base, action: 'use_data', targets: ['claims_history'], version: '1.0.0', model: { name: model.name, version: '3' } },
      { ...base, targets: ['crm.search'], model: { name: model.name, version: '4' } },
      { ...base, targets: ['crm.search'], version: '0.9.0' },
      { ...base, targets: ['crm.search'], autonomy: 'fully_automated' },
      { ...base, systemId: randomUUID(), targets: ['crm.search'] },
    ];
    const before = await scrape();
    for (const question of questions) {
      const viaLane = await authorize(question);
      const viaFullRoute = await authorize(question, gov.token);
      expect({ question, status: viaLane.status, body: viaLane.body }).toEqual({ question, status: 200, body: viaFullRoute.body });
      expect(viaLane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const after = await scrape();
    expect(lane(after, 'answered') - lane(before, 'answered')).toBe(questions.length);
    expect(lane(after, 'not_a_gateway') - lane(before, 'not_a_gateway')).toBe(questions.length);
    const latency = (m: ReturnType<typeof parsePrometheusText>) => m.value('aigov_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/authorize', status: '200' }) ?? 0;
    expect(latency(after) - latency(before)).toBe(2 * questions.length);
    // The lane read on its own two connections, never on the pool.
    expect(after.value('aigov_authorize_read_connections_open')).toBe(2);
    expect((after.value('aigov_authorize_read_pool_fallbacks_total') ?? 0) - (before.value('aigov_authorize_read_pool_fallbacks_total') ?? 0)).toBe(0);
    const laneBackends = await h.dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [AUTHORIZE_CONNECTIONS_APPLICATION_NAME]);
    expect(laneBackends[0].n).toBe(2);

    // Passed on, answered by the full route as before: by model alone, a malformed body, an Idempotency-Key, a revoked token.
    const byModel = await authorize({ action: 'call_tool', targets: ['crm.search'], model: { name: model.name, version: '3' } });
    expect(byModel.body).toMatchObject({ decision: 'allow', systemId: id });
    const malformed = await authorize({ ...base, targets: ['crm search'] });
    expect({ status: malformed.status, field: malformed.body.field }).toEqual({ status: 400, field: 'targets' });
    const keyed = await h.api('POST', '/api/v1/authorize', { token: gateway.secret, body: { ...base, targets: ['crm.search'] }, headers: { 'idempotency-key': randomUUID() } });
    expect(keyed.body.decision).toBe('allow');
    const revokedToken = await h.api('POST', '/api/v1/gateway-tokens', { token: h.admin.token, body: { gatewayName: 'soon-revoked', gatewayKind: 'ai_gateway' } });
    expect((await authorize({ ...base, targets: ['crm.search'] }, revokedToken.body.secret)).body.decision).toBe('allow');
    expect((await h.api('DELETE', `/api/v1/gateway-tokens/${revokedToken.body.token.id}`, { token: h.admin.token })).status).toBe(200);
    const counts = await h.rowCounts();
    const refused = await authorize({ ...base, targets: ['crm.search'] }, revokedToken.body.secret);
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 401, message: expect.stringMatching(/revoked/) });
    expect(await h.rowCounts()).toEqual(counts);
    const passed = await scrape();
    expect({
      body: lane(passed, 'body') - lane(after, 'body'),
      idempotencyKey: lane(passed, 'idempotency_key') - lane(after, 'idempotency_key'),
      token: lane(passed, 'token') - lane(after, 'token'),
      answered: lane(passed, 'answered') - lane(after, 'answered'),
    }).toEqual({ body: 2, idempotencyKey: 1, token: 1, answered: 1 });
  });

  it('goes on answering in the fast lane after PostgreSQL ends its connections', async () => {
    const { id, path } = await approved();
    await deploy(path);
    const ask = { systemId: id, action: 'call_tool', targets: ['crm.search'] };
    expect((await authorize(ask)).body.decision).toBe('allow');
    const scrape = async () => parsePrometheusText(await (await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text());
    const lane = (m: ReturnType<typeof parsePrometheusText>, outcome: string) => m.value('aigov_authorize_fast_lane_requests_total', { outcome }) ?? 0;
    const before = await scrape();
    // As a restart or a failover does to them: the server ends the lane's connections.
    const ended: Array<{ ended: boolean }> = await h.dataSource.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [AUTHORIZE_CONNECTIONS_APPLICATION_NAME],
    );
    expect(ended.map((r) => r.ended)).toEqual([true, true]);
    await waitUntil(async () => ((await scrape()).value('aigov_authorize_read_connections_open') === 0 ? true : null), 5_000, 'the lane to drop its ended connections');
    // A rollback right after: the next answers, on new connections, already deny.
    for (let i = 0; i < 3; i++) expect((await authorize(ask)).body.decision).toBe('allow');
    const rolledBack = await h.api('POST', `${path}/rollback`, { token: owner.token, body: { reason: 'reconnect test' } });
    expect(rolledBack.status).toBeLessThan(300);
    expect((await authorize(ask)).body).toMatchObject({ decision: 'deny' });
    const after = await scrape();
    expect(lane(after, 'answered') - lane(before, 'answered')).toBe(4);
    expect(lane(after, 'error') - lane(before, 'error')).toBe(0);
    expect(after.value('aigov_authorize_read_connections_open')).toBe(2);
  });

  it('answers malformed requests with 400 naming the field, and writes nothing', async () => {
    const { id } = await approved();
    const valid = { systemId: id, action: 'call_tool', targets: ['crm.search'] };
    const cases: Array<[unknown, string]> = [
      [{ ...valid, systemId: 'not-a-uuid' }, 'systemId'],
      [{ ...valid, action: 'launch' }, 'action'],
      [{ systemId: id, targets: ['crm.search'] }, 'action'],
      [{ ...valid, targets: [] }, 'targets'],
      [{ ...valid, targets: 'crm.search' }, 'targets'],
      [{ ...valid, targets: ['crm search'] }, 'targets'],
      [{ ...valid, targets: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'targets'],
      [{ ...valid, autonomy: 'total' }, 'autonomy'],
      [{ ...valid, version: 'v 1' }, 'version'],
      [{ action: 'call_tool', targets: ['crm.search'] }, 'systemId'],
      [{ action: 'call_tool', targets: ['crm.search'], model: { name: 'm' } }, 'model.version'],
      [{ ...valid, extra: true }, 'extra'],
    ];
    const counts = await h.rowCounts();
    const events = await auditCount();
    for (const [body, field] of cases) {
      const r = await authorize(body);
      expect({ body, status: r.status, field: r.body.field }).toEqual({ body, status: 400, field });
      expect(r.body.statusCode).toBe(400);
    }
    const malformed = await h.api('POST', '/api/v1/authorize', { token: gateway.secret, body: '{"systemId":', headers: { 'content-type': 'application/json' } });
    // Fastify's JSON parser refuses it before any route runs (the one error shape, without a field).
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(await h.rowCounts()).toEqual(counts);
    expect(await auditCount()).toBe(events);
  });

  it('audits the first denial per gateway, system and reason at once and the rest once per minute; counts every decision in /metrics', async () => {
    const { id, path } = await approved();
    await deploy(path);
    const scrape = async () => {
      const r = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(r.status).toBe(200);
      return parsePrometheusText(await r.text());
    };
    const allowLabels = { decision: 'allow', reason: 'inside_scope', action: 'call_tool', caller: 'gateway' };
    const denyLabels = { decision: 'deny', reason: 'outside_scope', action: 'call_tool', caller: 'gateway' };
    startOfMinute();
    const metricsBefore = await scrape();
    const at = (m: ReturnType<typeof parsePrometheusText>, labels: Record<string, string>) => m.value('aigov_authorize_decisions_total', labels) ?? 0;

    for (let i = 0; i < 3; i++) expect((await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] })).body.decision).toBe('allow');
    for (let i = 0; i < 5; i++) expect((await authorize({ systemId: id, action: 'call_tool', targets: [`shell.exec${i}`] })).body.reason).toBe('outside_scope');
    const stream = `authorize:${id}`;
    const first = (await streamEvents(stream)).filter((e) => e.actor_label === 'gateway:claims-agent-runtime');
    expect(first.map((e) => e.event_type)).toEqual(['authorize.denied']);
    expect(first[0]).toMatchObject({ actor_id: null, payload: { reason: 'outside_scope', action: 'call_tool', targets: ['shell.exec0'], caller: { kind: 'gateway', id: gateway.id } } });

    const metricsAfter = await scrape();
    expect(at(metricsAfter, allowLabels) - at(metricsBefore, allowLabels)).toBe(3);
    expect(at(metricsAfter, denyLabels) - at(metricsBefore, denyLabels)).toBe(5);
    expect(metricsAfter.types.get('aigov_authorize_decisions_total')).toBe('counter');

    // The minute ends: the four repeats become one event; the next denial opens a new minute with its own first event.
    clock.advance(61_000);
    await authorize({ systemId: id, action: 'call_tool', targets: ['shell.exec9'] });
    const events = await waitUntil(async () => {
      const all = (await streamEvents(stream)).filter((e) => e.actor_label === 'gateway:claims-agent-runtime');
      return all.some((e) => e.event_type === 'authorize.denials_repeated') ? all : null;
    }, 10_000, 'the repeated-denials event');
    expect(events.map((e) => e.event_type).sort()).toEqual(['authorize.denials_repeated', 'authorize.denied', 'authorize.denied']);
    expect(events.find((e) => e.event_type === 'authorize.denials_repeated')!.payload).toMatchObject({
      reason: 'outside_scope',
      count: 4,
      actions: ['call_tool'],
      sampleTargets: ['shell.exec1', 'shell.exec2', 'shell.exec3', 'shell.exec4'],
    });
    const verified = await h.api('GET', '/api/v1/audit/verify', { token: gov.token });
    expect(verified.body.ok).toBe(true);

    // An expired gateway token is refused like a revoked one (the API's clock moved past its expiry).
    const shortLived = await h.api('POST', '/api/v1/gateway-tokens', { token: h.admin.token, body: { gatewayName: 'short-lived', gatewayKind: 'ai_gateway', expiresInDays: 1 } });
    clock.advance(2 * 24 * 3600_000);
    const expired = await authorize({ systemId: id, action: 'call_tool', targets: ['crm.search'] }, shortLived.body.secret);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
  });
});
