import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { mlflowDelivery, mlflowEvents, signedLikeMlflow, type MlflowDelivery } from '../../support/mlflow-webhook';
import { waitUntil } from '../../support/wait-until';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/**
 * MLflow's model registry webhooks on the real stack (PostgreSQL, Temporal, the worker, SMTP
 * capture), each delivery built and signed as MLflow's delivery code builds it
 * (test/support/mlflow-webhook.ts, not the engine's own signer): a new version of a governed
 * model opens a proposal that its owner completes into a material change; a guarded alias on a
 * version never approved records a critical incident that the tier's policy answers (recorded
 * for minimal, suspension for high in model-registry-policy.yaml) with an incident review and a
 * mail to the owner and the governance office; an alias on an approved version is only recorded.
 * Bad signatures, stale or future timestamps, replays, unknown models, malformed bodies and
 * events not handled are refused, and the row counts prove they wrote nothing.
 */
describe('MLflow model registry webhooks', () => {
  let h: Harness;
  let admin: HarnessUser;
  let gov: HarnessUser;
  let source: { id: string; deliveryPath: string; secret: string };

  beforeAll(async () => {
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/model-registry-policy.yaml') });
    admin = await h.createUser(['admin']);
    gov = await h.createUser(['governance_office']);
    const made = await as(admin).post('/api/v1/webhook-sources', { name: 'MLflow (production registry)', kind: 'mlflow', allSystems: true });
    expect(made.status).toBe(201);
    source = { id: made.body.source.id, deliveryPath: made.body.source.deliveryPath, secret: made.body.secret };
  });
  afterAll(async () => h?.stop());

  const as = (who: HarnessUser) => ({
    get: (path: string) => h.api('GET', path, { token: who.token }),
    post: (path: string, body: unknown = {}) => h.api('POST', path, { token: who.token, body }),
    put: (path: string, body: unknown) => h.api('PUT', path, { token: who.token, body }),
  });

  const deliver = (d: MlflowDelivery, path = source.deliveryPath) => h.api('POST', path, { body: d.body, headers: d.headers });
  const signed = (event: { entity: string; action: string; data: Record<string, unknown> | null }, opts: { at?: Date; deliveryId?: string; secret?: string } = {}) =>
    mlflowDelivery(opts.secret ?? source.secret, event, opts);

  /** The harness's counts plus the tables this part writes. */
  async function counts(): Promise<Record<string, number>> {
    const base = await h.rowCounts();
    for (const table of ['model_registry_events', 'material_changes', 'pdca_items']) {
      const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      base[table] = row.n;
    }
    return base;
  }

  /** Counts once nothing has changed for a moment (an accepted delivery starts a notice and maybe an incident review). */
  async function quiet(): Promise<Record<string, number>> {
    let last = await counts();
    for (let stable = 0; stable < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await counts();
      stable = JSON.stringify(now) === JSON.stringify(last) ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  /** A system of `tier`, approved and running 1.0.0 built from version 1 of `model`, which it names. */
  async function operating(owner: HarnessUser, tier: 'minimal' | 'high', model: string) {
    const system = await registerForApproval(h, owner, tier, { name: `MLflow target ${model}` });
    const task = await openTaskOf(h, system.id, gov);
    expect((await as(gov).post(`/api/v1/tasks/${task.id}/decision`, { decision: 'approve' })).status).toBe(200);
    const deployed = await as(owner).post(`${system.path}/deployments`, { version: '1.0.0', environment: 'production', model: { name: model, version: '1', checksum: sha(`${model}@1`) } });
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    const named = await as(owner).put(`${system.path}/registered-model`, { registeredModelName: model });
    expect(named.body).toEqual({ aiSystemId: system.id, registeredModelName: model });
    return system;
  }

  const auditTypes = async (systemId: string): Promise<string[]> =>
    (await h.dataSource.query('SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq', [`model-registry:${systemId}`])).map((r: { event_type: string }) => r.event_type);

  it('lets admins make an MLflow source (its own delivery path) and owners name their model, one live system per name', async () => {
    expect(source.deliveryPath).toBe(`/api/v1/mlflow/webhooks/${source.id}`);
    expect(source.secret).toMatch(/^whsec_/);
    const [row] = await h.dataSource.query('SELECT kind, secret_ciphertext FROM webhook_sources WHERE id = $1', [source.id]);
    expect(row.kind).toBe('mlflow');
    expect(row.secret_ciphertext).not.toContain(source.secret.slice(6, 20));

    const owner = await h.createUser(['product_owner']);
    const other = await h.createUser(['product_owner']);
    const register = async (who: HarnessUser, name: string) =>
      (await h.api('POST', '/api/v1/ai-systems', { token: who.token, body: { ...registrationBody(name), accountableOwnerId: who.user.id } })).body.id as string;
    const a = await register(owner, 'Model naming A');
    const b = await register(other, 'Model naming B');
    const model = `naming-${randomUUID().slice(0, 8)}`;

    const before = await counts();
    const refusals: Array<[HarnessUser, string, unknown, number, string | undefined]> = [
      [other, a, { registeredModelName: model }, 403, undefined],
      [owner, a, { registeredModelName: '' }, 400, 'registeredModelName'],
      [owner, a, { registeredModelName: ' padded ' }, 400, 'registeredModelName'],
      [owner, a, { registeredModelName: 'x'.repeat(201) }, 400, 'registeredModelName'],
      [owner, a, { registeredModelName: 'tab\there' }, 400, 'registeredModelName'],
      [owner, a, {}, 400, 'registeredModelName'],
      [owner, '00000000-0000-4000-8000-000000000000', { registeredModelName: model }, 404, 'id'],
    ];
    for (const [who, id, body, status, field] of refusals) {
      const r = await as(who).put(`/api/v1/ai-systems/${id}/registered-model`, body);
      expect({ status: r.status, field: r.body.field }).toEqual({ status, field });
    }
    expect(await counts()).toEqual(before);

    expect((await as(owner).put(`/api/v1/ai-systems/${a}/registered-model`, { registeredModelName: model })).status).toBe(200);
    expect((await as(owner).get(`/api/v1/ai-systems/${a}`)).body.registeredModelName).toBe(model);
    const taken = await as(other).put(`/api/v1/ai-systems/${b}/registered-model`, { registeredModelName: model });
    expect({ status: taken.status, field: taken.body.field }).toEqual({ status: 409, field: 'registeredModelName' });
    // Names are case-sensitive, as MLflow's are; the governance office may name any system's model.
    expect((await as(gov).put(`/api/v1/ai-systems/${b}/registered-model`, { registeredModelName: model.toUpperCase() })).status).toBe(200);
    expect((await as(owner).put(`/api/v1/ai-systems/${a}/registered-model`, { registeredModelName: null })).body.registeredModelName).toBeNull();
    expect((await as(other).put(`/api/v1/ai-systems/${b}/registered-model`, { registeredModelName: model })).status).toBe(200);
    expect(await auditTypes(a)).toEqual(['model_registry.model_named', 'model_registry.model_named']);
    const [named] = await h.dataSource.query(`SELECT actor_id, ai_system_id, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq LIMIT 1`, [`model-registry:${a}`]);
    expect(named).toEqual({ actor_id: owner.user.id, ai_system_id: a, payload: { registeredModelName: model, previous: null } });
  });

  it('turns a new version of a governed model into a proposal with the registry\'s facts, which the owner completes into a material change', async () => {
    const owner = await h.createUser(['product_owner']);
    const model = `fraud-${randomUUID().slice(0, 8)}`;
    const system = await operating(owner, 'minimal', model);
    const facts = { source: `models:/m-${model}-2`, run_id: 'a1b2c3d4e5f60718', tags: { team: 'risk', 'validation.auc': '0.91' }, description: 'Réentraîné sur 2026' };
    const delivery = signed(mlflowEvents.versionCreated(model, '2', facts));
    const accepted = await deliver(delivery);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ aiSystemId: system.id, outcome: 'change_proposed', monitoringEventId: null, response: null });

    const events = await as(owner).get(`${system.path}/model-registry/events`);
    expect(events.body.items).toHaveLength(1);
    const [proposal] = events.body.items;
    expect(proposal).toMatchObject({
      id: accepted.body.eventId,
      sourceId: source.id,
      deliveryId: delivery.deliveryId,
      event: 'model_version.created',
      modelName: model,
      modelVersion: '2',
      facts: { name: model, version: '2', ...facts },
      outcome: 'change_proposed',
      proposalStatus: 'open',
    });
    const mail = await h.mail.waitFor((m) => m.to.includes(owner.user.email) && m.subject.includes(`New model version 2 of ${model} in MLflow`), 15_000);
    expect(mail.text).toContain(`Run id: ${facts.run_id}`);
    expect(mail.text).toContain(`Source: ${facts.source}`);
    const [audited] = await h.dataSource.query(`SELECT event_type, actor_id, actor_label, payload FROM audit_events WHERE stream_id = $1 AND event_type LIKE 'model_registry.change%'`, [`model-registry:${system.id}`]);
    expect(audited).toMatchObject({ event_type: 'model_registry.change_proposed', actor_id: null, actor_label: 'webhook source: MLflow (production registry)' });
    expect(audited.payload).toMatchObject({ deliveryId: delivery.deliveryId, facts: { run_id: facts.run_id, source: facts.source } });

    // The owner completes it: the checksum MLflow does not send is required; the rest is the registry's.
    const path = `${system.path}/model-registry/events/${proposal.id}/material-change`;
    const noChecksum = await as(owner).post(path, {});
    expect({ status: noChecksum.status, field: noChecksum.body.field }).toEqual({ status: 400, field: 'checksum' });
    const stranger = await as(await h.createUser(['product_owner'])).post(path, { checksum: sha('v2') });
    expect(stranger.status).toBe(403);
    const change = await as(owner).post(path, { checksum: sha(`${model}@2`) });
    expect(change.status).toBe(201);
    expect(change.body).toMatchObject({ kinds: ['model'], status: 'assessment', version: `${model}-v2`, runningVersion: '1.0.0', model: { name: model, version: '2', checksum: sha(`${model}@2`) } });
    expect(change.body.description).toContain(`Run id: ${facts.run_id}`);
    expect(change.body.description).toContain(`Source: ${facts.source}`);
    expect(change.body.description).toContain('Tags: team=risk, validation.auc=0.91');
    const changes = await as(owner).get(`${system.path}/changes`);
    expect(changes.body.map((c: { id: string }) => c.id)).toEqual([change.body.id]);
    const after = (await as(owner).get(`${system.path}/model-registry/events`)).body.items[0];
    expect(after).toMatchObject({ proposalStatus: 'completed', materialChangeId: change.body.id, closedById: owner.user.id });
    const again = await as(owner).post(path, { checksum: sha(`${model}@2`) });
    expect({ status: again.status, field: again.body.field }).toEqual({ status: 409, field: 'eventId' });

    // A second version while that change is open: a proposal the lifecycle will not take yet (409 with its reason), which the owner dismisses.
    const third = await deliver(signed(mlflowEvents.versionCreated(model, '3')));
    const thirdPath = `${system.path}/model-registry/events/${third.body.eventId}`;
    const blocked = await as(owner).post(`${thirdPath}/material-change`, { checksum: sha('v3') });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/still in 'assessment'/);
    expect((await as(owner).get(`${system.path}/model-registry/events`)).body.items[0].proposalStatus).toBe('open');
    const dismissed = await as(owner).post(`${thirdPath}/dismissal`, { reason: 'an experiment, not for production' });
    expect(dismissed.body).toMatchObject({ proposalStatus: 'dismissed', dismissalReason: 'an experiment, not for production' });
    expect(await auditTypes(system.id)).toEqual([
      'model_registry.model_named',
      'model_registry.change_proposed',
      'model_registry.proposal_completed',
      'model_registry.change_proposed',
      'model_registry.proposal_dismissed',
    ]);
  });

  it('opens an incident for an alias on a version never approved (recorded on a minimal system), and only records one on an approved version', async () => {
    const owner = await h.createUser(['product_owner']);
    const model = `churn-${randomUUID().slice(0, 8)}`;
    const system = await operating(owner, 'minimal', model);

    const approved = await deliver(signed(mlflowEvents.aliasCreated(model, 'champion', '1')));
    expect(approved.body).toMatchObject({ outcome: 'alias_approved', monitoringEventId: null, incidentItemId: null });
    const unguarded = await deliver(signed(mlflowEvents.aliasCreated(model, 'challenger', '5')));
    expect(unguarded.body).toMatchObject({ outcome: 'alias_unguarded', monitoringEventId: null });
    const incidents = async () => (await h.dataSource.query(`SELECT id, kind, severity, source, metric FROM monitoring_events WHERE ai_system_id = $1`, [system.id])) as Array<Record<string, string>>;
    expect(await incidents()).toEqual([]);

    const unapproved = await deliver(signed(mlflowEvents.aliasCreated(model, 'Production', '5')));
    expect(unapproved.status).toBe(201);
    expect(unapproved.body).toMatchObject({ outcome: 'alias_unapproved', response: 'record', monitoringEventId: expect.any(String), incidentItemId: expect.any(String) });
    expect(await incidents()).toEqual([{ id: unapproved.body.monitoringEventId, kind: 'incident', severity: 'critical', source: 'MLflow (production registry)', metric: 'mlflow alias Production' }]);
    expect((await as(owner).get(system.path)).body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    // The incident review (a nonconformity for the owner) and the mail to the owner and the governance office.
    const review = await waitUntil(
      async () => (await h.dataSource.query(`SELECT id, kind, owner_id, source_type, source_id, title FROM pdca_items WHERE id = $1`, [unapproved.body.incidentItemId]))[0],
      15_000,
      'the incident review',
    );
    expect(review).toMatchObject({ kind: 'nonconformity', owner_id: owner.user.id, source_type: 'incident', source_id: unapproved.body.monitoringEventId });
    expect(review.title).toContain("MLflow alias 'Production' on unapproved version 5");
    for (const who of [owner, gov]) {
      const mail = await h.mail.waitFor((m) => m.to.includes(who.user.email) && m.subject.includes("Unapproved model version behind MLflow alias 'Production'"), 15_000);
      expect(mail.text).toContain('records it as a critical incident');
    }

    const removed = await deliver(signed(mlflowEvents.aliasDeleted(model, 'Production')));
    expect(removed.body).toMatchObject({ outcome: 'alias_removed' });
    const tag = await deliver(signed(mlflowEvents.tagSet(model, '5', 'validation_status', 'failed')));
    expect(tag.body).toMatchObject({ outcome: 'tag_recorded' });
    const created = await deliver(signed(mlflowEvents.registeredModelCreated(model)));
    expect(created.body).toMatchObject({ outcome: 'model_recorded' });
    const outcomes = (await as(gov).get(`${system.path}/model-registry/events`)).body.items.map((e: { outcome: string }) => e.outcome);
    expect(outcomes).toEqual(['model_recorded', 'tag_recorded', 'alias_removed', 'alias_unapproved', 'alias_unguarded', 'alias_approved']);
    expect(await incidents()).toHaveLength(1);
  });

  it("suspends a high-risk system whose policy says so, with the lifecycle's own incident review", async () => {
    const owner = await h.createUser(['product_owner']);
    const model = `credit-${randomUUID().slice(0, 8)}`;
    const system = await operating(owner, 'high', model);
    const result = await deliver(signed(mlflowEvents.aliasCreated(model, 'champion', '2')));
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ outcome: 'alias_unapproved', response: 'suspend', incidentItemId: expect.any(String) });
    expect((await as(owner).get(system.path)).body).toMatchObject({ stage: 'rollback', currentVersion: null });
    const [stage] = await h.dataSource.query(
      `SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.stage_changed' ORDER BY seq DESC LIMIT 1`,
      [`ai-system:${system.id}`],
    );
    expect(stage.payload.reason).toMatch(/automatic suspension after a critical incident event on mlflow alias champion/);
    await h.mail.waitFor((m) => m.to.includes(gov.user.email) && m.subject.includes("Unapproved model version behind MLflow alias 'champion'") && m.text.includes('suspended the system'), 15_000);
    // One incident review: the lifecycle's; the notice did not open a second.
    await quiet();
    const reviews = await h.dataSource.query(`SELECT id FROM pdca_items WHERE ai_system_id = $1`, [system.id]);
    expect(reviews).toEqual([{ id: result.body.incidentItemId }]);
    // Out of operation now: a further unapproved alias is recorded with a review of its own, no second suspension.
    const again = await deliver(signed(mlflowEvents.aliasCreated(model, 'production', '3')));
    expect(again.body).toMatchObject({ outcome: 'alias_unapproved', monitoringEventId: null, response: null });
    await waitUntil(async () => ((await h.dataSource.query(`SELECT 1 FROM pdca_items WHERE id = $1`, [again.body.incidentItemId])).length ? true : undefined), 15_000, 'the second review');
  });

  it('refuses bad signatures, stale and future timestamps, replays, unknown models, malformed bodies and events not handled, writing nothing', async () => {
    const owner = await h.createUser(['product_owner']);
    const model = `refusals-${randomUUID().slice(0, 8)}`;
    await operating(owner, 'minimal', model);
    const { body: standard } = await as(admin).post('/api/v1/webhook-sources', { name: `Standard ${model}`, allSystems: true });
    // A source limited to a system in design, which does not name this model.
    const design = (await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`Design ${model}`), accountableOwnerId: owner.user.id } })).body;
    const { body: scoped } = await as(admin).post('/api/v1/webhook-sources', { name: `Scoped ${model}`, kind: 'mlflow', aiSystemIds: [design.id] });
    const replayed = signed(mlflowEvents.aliasCreated(model, 'champion', '1'));
    expect((await deliver(replayed)).status).toBe(201);

    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    const alias = mlflowEvents.aliasCreated(model, 'champion', '9');
    const good = signed(alias);
    const withHeaders = (d: MlflowDelivery, headers: Record<string, string | undefined>) => ({ ...d, headers: Object.fromEntries(Object.entries({ ...d.headers, ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string> });
    /** A body MLflow would not send, signed as MLflow signs: the signature passes, the body is refused. */
    const signedRaw = (body: string) => signedLikeMlflow(source.secret, body);

    const before = await quiet();
    const cases: Array<[string, Promise<{ status: number; body: { field?: string; statusCode?: number; message?: string } }>, number, string]> = [
      ['the replayed delivery id', deliver(replayed), 409, 'X-MLflow-Delivery-Id'],
      ['the replay re-signed later', deliver(signed(mlflowEvents.aliasCreated(model, 'champion', '1'), { deliveryId: replayed.deliveryId, at: minutes(0.1) })), 409, 'X-MLflow-Delivery-Id'],
      ['another secret', deliver(signed(alias, { secret: 'not-the-secret' })), 401, 'X-MLflow-Signature'],
      // Standard Webhooks would base64-decode the whsec_ secret; MLflow keys the HMAC with the whole string.
      ['a Standard Webhooks signature', deliver(withHeaders(good, { 'X-MLflow-Signature': new Webhook(source.secret).sign(good.deliveryId, new Date(Number(good.headers['X-MLflow-Timestamp']) * 1000), good.body) })), 401, 'X-MLflow-Signature'],
      ['a tampered body', deliver({ ...good, body: good.body.replace('"9"', '"1"') }), 401, 'X-MLflow-Signature'],
      ['the same JSON re-serialised', deliver({ ...good, body: JSON.stringify(JSON.parse(good.body)) }), 401, 'X-MLflow-Signature'],
      ['no signature', deliver(withHeaders(good, { 'X-MLflow-Signature': undefined })), 401, 'X-MLflow-Signature'],
      ['no delivery id', deliver(withHeaders(good, { 'X-MLflow-Delivery-Id': undefined })), 401, 'X-MLflow-Signature'],
      ['6 minutes old', deliver(signed(alias, { at: minutes(-6) })), 401, 'X-MLflow-Timestamp'],
      ['6 minutes ahead', deliver(signed(alias, { at: minutes(6) })), 401, 'X-MLflow-Timestamp'],
      ['an unknown model', deliver(signed(mlflowEvents.aliasCreated(`unknown-${model}`, 'champion', '1'))), 422, 'data.name'],
      ['a model named in another case', deliver(signed(mlflowEvents.versionCreated(model.toUpperCase(), '4'))), 422, 'data.name'],
      ['an event not handled (prompts)', deliver(signed({ entity: 'prompt_version', action: 'created', data: { name: model, version: '1' } })), 422, 'entity'],
      ['an unknown event', deliver(signed({ entity: 'model_version', action: 'archived', data: { name: model, version: '1' } })), 422, 'entity'],
      ['a version that is not a number', deliver(signed(mlflowEvents.aliasCreated(model, 'champion', 'latest'))), 400, 'data.version'],
      ['no data', deliver(signed({ entity: 'model_version_alias', action: 'created', data: null })), 400, 'data'],
      ['malformed JSON, signed', deliver(signedRaw('{"entity": "model_version_alias", "action": ')), 400, 'body'],
      ['a JSON array, signed', deliver(signedRaw('[]')), 400, 'body'],
      ['a system outside the source\'s list', deliver(mlflowDelivery(scoped.secret, alias), scoped.source.deliveryPath), 403, 'data.name'],
      ['a standard source on the MLflow route', deliver(mlflowDelivery(standard.secret, alias), `/api/v1/mlflow/webhooks/${standard.source.id}`), 401, 'sourceId'],
      ['an unknown source', deliver(good, '/api/v1/mlflow/webhooks/00000000-0000-4000-8000-000000000000'), 401, 'sourceId'],
      ['not a source id', deliver(good, '/api/v1/mlflow/webhooks/not-a-uuid'), 401, 'sourceId'],
      [
        'the MLflow source on the monitoring route',
        h.api('POST', `/api/v1/monitoring/webhooks/${source.id}`, {
          body: '{}',
          headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': new Webhook(source.secret).sign('msg_1', new Date(), '{}') },
        }),
        401,
        'sourceId',
      ],
    ];
    // Every answer first, so a wrong one fails the test without leaving requests in flight.
    const answers = await Promise.all(cases.map(([, request]) => request));
    expect(answers.map((r, i) => ({ what: cases[i][0], status: r.status, field: r.body.field, shaped: r.body.statusCode === r.status && typeof r.body.message === 'string' }))).toEqual(
      cases.map(([what, , status, field]) => ({ what, status, field, shaped: true })),
    );
    expect(await quiet()).toEqual(before);
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM model_registry_events WHERE delivery_id = $1`, [good.deliveryId]);
    expect(n).toBe(0);
  });
});
