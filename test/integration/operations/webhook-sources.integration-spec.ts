import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Webhook } from 'standardwebhooks';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

const LEGACY_SECRET = 'legacy-shared-monitoring-secret';

interface Delivery {
  id: string;
  at?: Date;
  body: Record<string, unknown> | string;
}

/**
 * The inbound monitoring webhook in the Standard Webhooks scheme, on the real stack: each
 * delivery is signed with the `standardwebhooks` package (nobody here wrote it) and a critical
 * event rolls the system back through its real Temporal workflow. Replays, stale or future
 * timestamps, wrong secrets, systems outside a source's list and the legacy header are refused
 * and write nothing; a rotated secret and the old one are both accepted during the overlap.
 */
describe('webhook sources: signed monitoring deliveries', () => {
  let h: Harness;
  let admin: HarnessUser;
  let gov: HarnessUser;

  beforeAll(async () => {
    // The legacy secret is configured but the legacy setting is not on: the header must be refused.
    h = await startGovernanceHarness({ policyFile: join(__dirname, '../../fixtures/policies/operations-policy.yaml'), env: { MONITORING_WEBHOOK_SECRET: LEGACY_SECRET } });
    admin = await h.createUser(['admin']);
    gov = await h.createUser(['governance_office']);
  });
  afterAll(async () => h?.stop());

  const as = (who: HarnessUser) => ({
    get: (path: string) => h.api('GET', path, { token: who.token }),
    post: (path: string, body: unknown = {}) => h.api('POST', path, { token: who.token, body }),
    patch: (path: string, body: unknown) => h.api('PATCH', path, { token: who.token, body }),
  });

  /** A limited-risk system approved and running 1.0.0 (the operations policy rolls it back on a critical event). */
  async function operating(owner: HarnessUser) {
    const system = await registerForApproval(h, owner, 'limited', { name: `Webhook target ${Math.random().toString(36).slice(2, 7)}` });
    const task = await openTaskOf(h, system.id, gov);
    expect((await as(gov).post(`/api/v1/tasks/${task.id}/decision`, { decision: 'approve' })).status).toBe(200);
    const deployed = await as(owner).post(`${system.path}/deployments`, { version: '1.0.0', environment: 'production' });
    expect(deployed.body).toMatchObject({ stage: 'operation', currentVersion: '1.0.0' });
    return system;
  }

  /** Posts a delivery signed by the standardwebhooks package with `secret` (or sends the headers given). */
  async function deliver(sourceId: string, secret: string, d: Delivery, headers: Record<string, string> = {}) {
    const body = typeof d.body === 'string' ? d.body : JSON.stringify(d.body);
    const at = d.at ?? new Date();
    const signed = {
      'webhook-id': d.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(d.id, at, body),
    };
    return h.api('POST', `/api/v1/monitoring/webhooks/${sourceId}`, { body, headers: { ...signed, ...headers } });
  }

  /** Row counts once nothing changes for a moment (a rollback before sets off notices and an incident review). */
  async function quiet(): Promise<Record<string, number>> {
    let last = await h.rowCounts();
    for (let stable = 0; stable < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = await h.rowCounts();
      stable = JSON.stringify(now) === JSON.stringify(last) ? stable + 1 : 0;
      last = now;
    }
    return last;
  }

  const stageChanges = async (systemId: string): Promise<Array<{ action: string }>> =>
    (
      await h.dataSource.query(`SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.stage_changed' ORDER BY seq`, [`ai-system:${systemId}`])
    ).map((r: { payload: { action: string } }) => r.payload);

  it('lets admins create, list, read, rename and re-scope sources; the secret is shown once and stored only encrypted', async () => {
    const owner = await h.createUser(['product_owner']);
    // In design: no approval round writing in the background into the next test's "writes nothing" window.
    const registered = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Webhook scope A'), accountableOwnerId: owner.user.id } });
    const system = { id: registered.body.id as string, name: 'Webhook scope A' };
    const created = await as(admin).post('/api/v1/webhook-sources', { name: 'Drift monitor A', aiSystemIds: [system.id] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = created.body.source.id;
    expect(created.body.source).toMatchObject({ name: 'Drift monitor A', allSystems: false, aiSystems: [{ id: system.id, name: system.name }], active: true, deliveryPath: `/api/v1/monitoring/webhooks/${id}` });

    const secretBody = created.body.secret.slice('whsec_'.length);
    const listed = await as(admin).get('/api/v1/webhook-sources');
    const read = await as(admin).get(`/api/v1/webhook-sources/${id}`);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(read.body).toEqual(created.body.source);
    const [row] = await h.dataSource.query('SELECT * FROM webhook_sources WHERE id = $1', [id]);
    const audits = await h.dataSource.query(`SELECT event_type, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`webhook-source:${id}`]);
    for (const text of [JSON.stringify(listed.body), JSON.stringify(read.body), JSON.stringify(row), JSON.stringify(audits)]) expect(text).not.toContain(secretBody);
    expect(row.secret_ciphertext).toMatch(/^v1\./);

    const renamed = await as(admin).patch(`/api/v1/webhook-sources/${id}`, { name: 'Drift monitor A (EU)', allSystems: true });
    expect(renamed.body).toMatchObject({ name: 'Drift monitor A (EU)', allSystems: true, aiSystems: [] });
    const scoped = await as(admin).patch(`/api/v1/webhook-sources/${id}`, { aiSystemIds: [system.id] });
    expect(scoped.body).toMatchObject({ allSystems: false, aiSystems: [{ id: system.id }] });
    expect(audits.map((a: { event_type: string }) => a.event_type)).toEqual(['webhook_source.created']);
    const after = await h.dataSource.query(`SELECT event_type, actor_id FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`webhook-source:${id}`]);
    expect(after).toEqual([
      { event_type: 'webhook_source.created', actor_id: admin.user.id },
      { event_type: 'webhook_source.updated', actor_id: admin.user.id },
      { event_type: 'webhook_source.updated', actor_id: admin.user.id },
    ]);
  });

  it('refuses bad admin requests and non-admins, writing nothing', async () => {
    const before = await quiet();
    const refusals: Array<[Promise<{ status: number; body: { field?: string } }>, number, string | undefined]> = [
      [as(gov).post('/api/v1/webhook-sources', { name: 'Not mine', allSystems: true }), 403, undefined],
      [as(gov).get('/api/v1/webhook-sources'), 403, undefined],
      [as(admin).post('/api/v1/webhook-sources', { name: 'Nothing named' }), 400, 'aiSystemIds'],
      [as(admin).post('/api/v1/webhook-sources', { name: 'Both', allSystems: true, aiSystemIds: ['00000000-0000-4000-8000-000000000000'] }), 400, 'aiSystemIds'],
      [as(admin).post('/api/v1/webhook-sources', { name: 'Ghost', aiSystemIds: ['00000000-0000-4000-8000-000000000000'] }), 400, 'aiSystemIds'],
      [as(admin).post('/api/v1/webhook-sources', { name: '  ', allSystems: true }), 400, 'name'],
      [as(admin).post('/api/v1/webhook-sources', { name: 'Extra', allSystems: true, secret: 'whsec_mine' }), 400, 'secret'],
      [as(admin).get('/api/v1/webhook-sources/00000000-0000-4000-8000-000000000000'), 404, 'id'],
    ];
    for (const [request, status, field] of refusals) {
      const r = await request;
      expect({ status: r.status, field: r.body.field }).toEqual({ status, field });
    }
    expect(await h.rowCounts()).toEqual(before);
    expect((await as(admin).post('/api/v1/webhook-sources', { name: 'Unique name', allSystems: true })).status).toBe(201);
    const twin = await as(admin).post('/api/v1/webhook-sources', { name: 'UNIQUE NAME', allSystems: true });
    expect({ status: twin.status, field: twin.body.field }).toEqual({ status: 409, field: 'name' });
  });

  it('acts on a delivery signed with the standardwebhooks package: a critical event rolls the system back once; its replay is refused', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operating(owner);
    const { body: made } = await as(admin).post('/api/v1/webhook-sources', { name: `Monitor ${system.name}`, aiSystemIds: [system.id] });
    const event = { aiSystemId: system.id, kind: 'drift', metric: 'psi', observedValue: 0.05, threshold: 0.2 };

    // A receipt from beyond the window (its timestamp would be refused anyway) is pruned once deliveries come in.
    await h.dataSource.query(`INSERT INTO webhook_receipts (source_id, webhook_id, webhook_timestamp, received_at) VALUES ($1, 'msg_stale', now() - interval '7 minutes', now() - interval '7 minutes')`, [made.source.id]);
    const low = await deliver(made.source.id, made.secret, { id: 'msg_low_1', body: { ...event, severity: 'low' } });
    expect(low.status).toBe(201);
    await waitUntil(async () => ((await h.dataSource.query(`SELECT 1 FROM webhook_receipts WHERE webhook_id = 'msg_stale'`)).length === 0 ? true : undefined), 5_000, 'the stale receipt pruned');
    expect(await h.dataSource.query('SELECT webhook_id FROM webhook_receipts WHERE source_id = $1', [made.source.id])).toEqual([{ webhook_id: 'msg_low_1' }]);
    expect(low.body).toMatchObject({ response: 'record', stage: 'operation' });
    const [recorded] = await h.dataSource.query('SELECT source FROM monitoring_events WHERE id = $1', [low.body.eventId]);
    expect(recorded.source).toBe(`Monitor ${system.name}`);

    const critical = { id: 'msg_critical_1', body: { ...event, severity: 'critical', observedValue: 0.42, source: 'drift-monitor' } };
    const rolledBack = await deliver(made.source.id, made.secret, critical);
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body).toMatchObject({ response: 'rollback', stage: 'rollback' });
    expect((await stageChanges(system.id)).filter((c) => c.action === 'rollback')).toHaveLength(1);

    // The same delivery again (a replay, or the sender's retry): refused, nothing written, no second rollback.
    const before = await quiet();
    const replayed = await deliver(made.source.id, made.secret, critical);
    expect(replayed.status).toBe(409);
    expect(replayed.body).toMatchObject({ statusCode: 409, error: 'Conflict', field: 'webhook-id' });
    // Re-signed later with the same id: still the same delivery.
    const resigned = await deliver(made.source.id, made.secret, { ...critical, at: new Date(Date.now() + 2_000) });
    expect(resigned.status).toBe(409);
    expect(await h.rowCounts()).toEqual(before);
    expect((await stageChanges(system.id)).filter((c) => c.action === 'rollback')).toHaveLength(1);
    const criticals = await h.dataSource.query(`SELECT count(*)::int AS n FROM monitoring_events WHERE ai_system_id = $1 AND severity = 'critical'`, [system.id]);
    expect(criticals[0].n).toBe(1);
  });

  it('refuses old and future timestamps, a wrong secret, tampering, unknown or disabled sources and a system outside the list, writing nothing', async () => {
    const owner = await h.createUser(['product_owner']);
    const mine = await operating(owner);
    // A system in design: nothing runs on it in the background that would move the row counts.
    const other = (await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`Outside ${mine.name}`), accountableOwnerId: owner.user.id } })).body;
    const { body: made } = await as(admin).post('/api/v1/webhook-sources', { name: `Scoped ${mine.name}`, aiSystemIds: [mine.id] });
    const { body: wrong } = await as(admin).post('/api/v1/webhook-sources', { name: `Other ${mine.name}`, allSystems: true });
    const event = { aiSystemId: mine.id, kind: 'performance', severity: 'low', metric: 'accuracy', observedValue: 0.9, threshold: 0.85 };
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    const body = JSON.stringify(event);
    const signed = (id: string) => ({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': new Webhook(made.secret).sign(id, new Date(), body) });

    const before = await quiet();
    const cases: Array<[string, Promise<{ status: number; body: { field?: string; statusCode?: number; message?: string } }>, number, string]> = [
      ['6 minutes old', deliver(made.source.id, made.secret, { id: 'msg_old', at: minutes(-6), body: event }), 401, 'webhook-timestamp'],
      ['6 minutes ahead', deliver(made.source.id, made.secret, { id: 'msg_future', at: minutes(6), body: event }), 401, 'webhook-timestamp'],
      ["another source's secret", deliver(made.source.id, wrong.secret, { id: 'msg_wrong', body: event }), 401, 'webhook-signature'],
      ['no signature', h.api('POST', `/api/v1/monitoring/webhooks/${made.source.id}`, { body: event }), 401, 'webhook-signature'],
      ['a tampered body', h.api('POST', `/api/v1/monitoring/webhooks/${made.source.id}`, { body: body.replace('low', 'critical'), headers: signed('msg_tampered') }), 401, 'webhook-signature'],
      ['the same JSON re-serialised with spaces', h.api('POST', `/api/v1/monitoring/webhooks/${made.source.id}`, { body: JSON.stringify(event, null, 1), headers: signed('msg_spaces') }), 401, 'webhook-signature'],
      ['a system outside its list', deliver(made.source.id, made.secret, { id: 'msg_other_system', body: { ...event, aiSystemId: other.id } }), 403, 'aiSystemId'],
      ['an unknown source', deliver('00000000-0000-4000-8000-000000000000', made.secret, { id: 'msg_unknown', body: event }), 401, 'sourceId'],
      ['not a source id', deliver('not-a-uuid', made.secret, { id: 'msg_garbage', body: event }), 401, 'sourceId'],
      ['a signed but invalid body', deliver(made.source.id, made.secret, { id: 'msg_invalid', body: { ...event, severity: 'apocalyptic' } }), 400, 'severity'],
    ];
    for (const [what, request, status, field] of cases) {
      const r = await request;
      expect({ what, status: r.status, field: r.body.field, shaped: r.body.statusCode === status && typeof r.body.message === 'string' }).toEqual({ what, status, field, shaped: true });
    }
    expect(await h.rowCounts()).toEqual(before);

    // Disabled: refused like an unknown source; admins can no longer change it.
    expect((await as(admin).post(`/api/v1/webhook-sources/${wrong.source.id}/disable`)).body).toMatchObject({ active: false, disabledAt: expect.any(String) });
    const disabled = await deliver(wrong.source.id, wrong.secret, { id: 'msg_disabled', body: event });
    expect({ status: disabled.status, field: disabled.body.field }).toEqual({ status: 401, field: 'sourceId' });
    expect((await as(admin).post(`/api/v1/webhook-sources/${wrong.source.id}/secret-rotation`)).status).toBe(409);
    // The ids refused above were not recorded: the same ids, correctly signed, are accepted.
    expect((await deliver(made.source.id, made.secret, { id: 'msg_old', body: event })).status).toBe(201);
  });

  it('accepts the old and the new secret while a rotation overlaps, and only the new one after', async () => {
    const owner = await h.createUser(['product_owner']);
    const system = await operating(owner);
    const { body: made } = await as(admin).post('/api/v1/webhook-sources', { name: `Rotating ${system.name}`, aiSystemIds: [system.id] });
    const event = { aiSystemId: system.id, kind: 'bias', severity: 'low', metric: 'disparate impact', observedValue: 0.9, threshold: 0.8 };

    const rotated = await as(admin).post(`/api/v1/webhook-sources/${made.source.id}/secret-rotation`, { previousSecretValidMinutes: 60 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(made.secret);
    expect(Date.parse(rotated.body.source.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await deliver(made.source.id, made.secret, { id: 'msg_rot_old', body: event })).status).toBe(201);
    expect((await deliver(made.source.id, rotated.body.secret, { id: 'msg_rot_new', body: event })).status).toBe(201);

    const again = await as(admin).post(`/api/v1/webhook-sources/${made.source.id}/secret-rotation`, { previousSecretValidMinutes: 0 });
    expect(again.body.source.previousSecretExpiresAt).toBeNull();
    for (const old of [made.secret, rotated.body.secret]) {
      const refused = await deliver(made.source.id, old, { id: `msg_after_${old.slice(6, 12)}`, body: event });
      expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 401, field: 'webhook-signature' });
    }
    expect((await deliver(made.source.id, again.body.secret, { id: 'msg_rot_newest', body: event })).status).toBe(201);
    const types = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`webhook-source:${made.source.id}`]);
    expect(types.map((t: { event_type: string }) => t.event_type)).toEqual(['webhook_source.created', 'webhook_source.secret_rotated', 'webhook_source.secret_rotated']);
  });

  it('refuses the legacy shared-secret header while the legacy setting is off', async () => {
    const before = await quiet();
    const legacy = await h.api('POST', '/api/v1/monitoring/webhook', {
      body: { aiSystemId: '00000000-0000-4000-8000-000000000000', kind: 'drift', severity: 'critical' },
      headers: { 'x-monitoring-secret': LEGACY_SECRET },
    });
    expect({ status: legacy.status, field: legacy.body.field }).toEqual({ status: 401, field: 'X-Monitoring-Secret' });
    expect(legacy.body.message).toMatch(/off on this server/);
    expect(await h.rowCounts()).toEqual(before);
  });
});

describe('the legacy shared-secret webhook, switched on', () => {
  let h: Harness;
  let log = '';
  beforeAll(async () => {
    h = await startGovernanceHarness({
      worker: false,
      env: { MONITORING_WEBHOOK_SECRET: LEGACY_SECRET, MONITORING_WEBHOOK_LEGACY: 'true' },
      apiLog: new Writable({
        write(chunk, _encoding, done) {
          log += chunk.toString();
          done();
        },
      }),
    });
  });

  it('says at start that the setting is deprecated, without the secret', () => {
    const warnings = log
      .split('\n')
      .filter((line) => line.includes('MONITORING_WEBHOOK_LEGACY=true'))
      .map((line) => JSON.parse(line) as { level: string | number; msg: string });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/deprecated/);
    expect(log).not.toContain(LEGACY_SECRET);
  });
  afterAll(async () => h?.stop());

  it('accepts the header only with the legacy setting on (and only the right secret)', async () => {
    const body = { aiSystemId: '00000000-0000-4000-8000-000000000000', kind: 'drift', severity: 'low' };
    const wrong = await h.api('POST', '/api/v1/monitoring/webhook', { body, headers: { 'x-monitoring-secret': 'not-the-legacy-secret' } });
    expect(wrong.status).toBe(401);
    // Past authentication: the system does not exist.
    const right = await h.api('POST', '/api/v1/monitoring/webhook', { body, headers: { 'x-monitoring-secret': LEGACY_SECRET } });
    expect({ status: right.status, field: right.body.field }).toEqual({ status: 404, field: expect.any(String) });
  });
});
