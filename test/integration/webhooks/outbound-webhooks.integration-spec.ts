import { Client, Connection } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import { controlHealthSnapshotScheduleId } from '@aigov/workflows/control-health-snapshot.contracts';
import { webhookDeliveryWorkflowId, webhookDispatcherWorkflowId } from '@aigov/workflows/webhook-delivery.contracts';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { answersFor } from '../../support/assessment-answers';
import { openTaskOf, registerForApproval, registrationBody } from '../../support/governance-flows';
import { ReceivedWebhook, startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { waitUntil } from '../../support/wait-until';
import { saveHistoryForReplay } from '../../workflows/history-recorder';

/** Loopback receivers need the SSRF guard lifted; short backoff and timeouts keep retries within the test. */
export const FAST_WEBHOOKS_ENV = {
  WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true',
  WEBHOOK_RETRY_INITIAL: 'PT0.3S',
  WEBHOOK_RETRY_MAX_INTERVAL: 'PT1S',
  WEBHOOK_RETRY_FOR: 'PT60S',
  WEBHOOK_REQUEST_TIMEOUT: 'PT2S',
  WEBHOOK_DISPATCH_POLL: 'PT0.1S',
};

interface Delivered {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * Outbound webhooks on the real stack: subscriptions over the API, facts recorded by the
 * worker's activities, deliveries by Temporal workflows to a real HTTP receiver on loopback,
 * every signature checked with the `standardwebhooks` package (not our code).
 */
describe('outbound webhooks', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let admin: HarnessUser;

  beforeAll(async () => {
    h = await startGovernanceHarness({ env: FAST_WEBHOOKS_ENV });
    receiver = await startWebhookReceiver();
    admin = await h.createUser(['admin']);
  });
  afterAll(async () => {
    await receiver?.stop();
    await h?.stop();
  });

  async function subscribe(path: string, events: string[]): Promise<{ id: string; secret: string }> {
    const created = await h.api('POST', '/api/v1/webhook-subscriptions', { token: admin.token, body: { url: `${receiver.url}${path}`, events, description: path } });
    expect(created.status).toBe(201);
    return { id: created.body.subscription.id, secret: created.body.secret };
  }

  /** Every request to `path`, its signature verified by standardwebhooks with `secret`. */
  function verifiedAt(path: string, secret: string): Array<{ request: ReceivedWebhook; event: Delivered }> {
    const wh = new Webhook(secret);
    return receiver.received
      .filter((r) => r.path === path)
      .map((request) => ({ request, event: wh.verify(request.body, request.headers) as Delivered }));
  }

  it('creates a subscription whose secret is shown once and stored only encrypted', async () => {
    const { id, secret } = await subscribe('/secret-check', ['ai_system.stage_changed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await h.api('GET', `/api/v1/webhook-subscriptions/${id}`, { token: admin.token });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));
    const list = await h.api('GET', '/api/v1/webhook-subscriptions', { token: admin.token });
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    const [row] = await h.dataSource.query(`SELECT secret_sealed FROM webhook_subscriptions WHERE id = $1`, [id]);
    expect(row.secret_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(row.secret_sealed).not.toContain(secret.slice(6, 30));
    const [audit] = await h.dataSource.query(`SELECT payload::text AS payload FROM audit_events WHERE stream_id = $1 AND event_type = 'webhook_subscription.created'`, [`webhook-subscription:${id}`]);
    expect(audit.payload).not.toContain(secret.slice(6, 30));
    // a governance officer reads but does not manage; a product owner does neither
    const gov = await h.createUser(['governance_office']);
    expect((await h.api('GET', `/api/v1/webhook-subscriptions/${id}`, { token: gov.token })).status).toBe(200);
    expect((await h.api('PATCH', `/api/v1/webhook-subscriptions/${id}`, { token: gov.token, body: { active: false } })).status).toBe(403);
    const owner = await h.createUser(['product_owner']);
    expect((await h.api('GET', '/api/v1/webhook-subscriptions', { token: owner.token })).status).toBe(403);
    expect((await h.api('DELETE', `/api/v1/webhook-subscriptions/${id}`, { token: admin.token })).status).toBe(204);
  });

  it('delivers stage changes, the approval decision, the round and a rollback, signed, with the facts in the payload', async () => {
    const { id: subscriptionId, secret } = await subscribe('/lifecycle', ['ai_system.stage_changed', 'approval.decided', 'approval.round_settled', 'ai_system.rolled_back', 'ai_system.suspended']);
    const owner = await h.createUser(['product_owner']);
    const gov = await h.createUser(['governance_office']);
    const system = await registerForApproval(h, owner, 'minimal');
    const task = await openTaskOf(h, system.id, gov);
    const decided = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: gov.token, body: { decision: 'approve', comment: 'private remark' } });
    expect(decided.status).toBe(200);
    await waitUntil(async () => ((await h.api('GET', system.path, { token: owner.token })).body.stage === 'deployment' ? true : undefined), 30_000, 'deployment stage');
    const deployed = await h.api('POST', `${system.path}/deployments`, { token: owner.token, body: { version: '1.0.0', environment: 'production', configuration: {} } });
    expect(deployed.status).toBe(201);
    const rolledBack = await h.api('POST', `${system.path}/rollback`, { token: owner.token, body: { reason: 'latency regression' } });
    expect(rolledBack.status).toBe(201);

    const events = await waitUntil(async () => {
      const got = verifiedAt('/lifecycle', secret).map((v) => v.event).filter((e) => e.data.aiSystemId === system.id);
      return got.some((e) => e.type === 'ai_system.suspended') && got.filter((e) => e.type === 'ai_system.stage_changed').length >= 5 ? got : undefined;
    }, 60_000, 'every lifecycle delivery');
    const stageChanges = events.filter((e) => e.type === 'ai_system.stage_changed').map((e) => `${e.data.from}>${e.data.to}`);
    expect(stageChanges).toEqual(
      expect.arrayContaining(['design>impact_assessment', 'impact_assessment>approval', 'approval>deployment', 'deployment>operation', 'operation>rollback']),
    );
    const decision = events.find((e) => e.type === 'approval.decided')!;
    expect(decision.data).toMatchObject({ aiSystemId: system.id, aiSystemName: system.name, decision: 'approve', taskId: task.id, round: 1, actor: { id: gov.user.id } });
    expect(JSON.stringify(decision)).not.toContain('private remark');
    expect(events.find((e) => e.type === 'approval.round_settled')!.data).toMatchObject({ subject: 'ai_system', round: 1, outcome: 'approved', stage: 'deployment' });
    expect(events.find((e) => e.type === 'ai_system.rolled_back')!.data).toMatchObject({ action: 'rollback', fromVersion: '1.0.0', toVersion: null, actor: { id: owner.user.id } });
    // the body's id is the webhook-id; every event has its own
    const lifecycle = verifiedAt('/lifecycle', secret).filter((v) => v.event.data.aiSystemId === system.id);
    for (const { request, event } of lifecycle) expect(request.headers['webhook-id']).toBe(event.id);
    expect(new Set(lifecycle.map((v) => v.event.id)).size).toBe(lifecycle.length);
    expect(lifecycle.every((v) => v.request.headers['content-type'] === 'application/json')).toBe(true);

    // The receiver sees a request before the delivery workflow records its answer, so the list
    // is read once every delivery of this system has left 'pending' (a CI run read it between).
    const mine = await waitUntil(async () => {
      const listed = await h.api('GET', `/api/v1/webhook-subscriptions/${subscriptionId}/deliveries?pageSize=50`, { token: admin.token });
      expect(listed.status).toBe(200);
      const items = listed.body.items.filter((d: { eventId: string }) => lifecycle.some((v) => v.event.id === d.eventId));
      return items.length === lifecycle.length && items.every((d: { status: string }) => d.status !== 'pending') ? items : undefined;
    }, 30_000, 'every lifecycle delivery recorded');
    expect(mine.length).toBe(lifecycle.length);
    for (const d of mine) {
      expect(d.status).toBe('delivered');
      expect(d.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204, error: null })]);
    }
  });

  it('retries a receiver that answers 500, lists both attempts, and sends the same webhook-id each time', async () => {
    receiver.answer('/flaky', (nth) => (nth === 1 ? 500 : 200));
    const { id, secret } = await subscribe('/flaky', ['ai_system.stage_changed']);
    const owner = await h.createUser(['product_owner']);
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Flaky receiver system'), accountableOwnerId: owner.user.id } });
    expect((await h.api('POST', `/api/v1/ai-systems/${created.body.id}/submit`, { token: owner.token })).status).toBe(201);

    const delivery = await waitUntil(async () => {
      const r = await h.api('GET', `/api/v1/webhook-subscriptions/${id}/deliveries`, { token: admin.token });
      return r.body.items?.find((d: { status: string }) => d.status === 'delivered');
    }, 30_000, 'the retried delivery');
    expect(delivery.attempts.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    for (const a of delivery.attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
    const arrivals = verifiedAt('/flaky', secret);
    expect(arrivals).toHaveLength(2);
    expect(new Set(arrivals.map((a) => a.request.headers['webhook-id']))).toEqual(new Set([delivery.eventId]));
    expect(arrivals[0].request.body).toBe(arrivals[1].request.body);

    // With RECORD_HISTORIES=1: this delivery's retry and the dispatcher that started it, for
    // test/workflows/webhook-replay.integration-spec.ts (the delivery once its run has ended).
    if (process.env.RECORD_HISTORIES === '1') {
      const connection = await Connection.connect({ address: h.config.temporal.address });
      try {
        const client = new Client({ connection });
        await client.workflow.getHandle(webhookDeliveryWorkflowId(delivery.id)).result();
        await saveHistoryForReplay(client, webhookDeliveryWorkflowId(delivery.id), undefined, 'webhook-delivery-retried-after-500');
        await saveHistoryForReplay(client, webhookDispatcherWorkflowId(h.config.temporal.taskQueue), undefined, 'webhook-dispatcher-started-deliveries');
      } finally {
        await connection.close();
      }
    }
  });

  it('disables a subscription whose endpoint answers 410 Gone, and records why', async () => {
    receiver.answer('/gone', () => 410);
    const { id } = await subscribe('/gone', ['ai_system.stage_changed']);
    const owner = await h.createUser(['product_owner']);
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Gone receiver system'), accountableOwnerId: owner.user.id } });
    await h.api('POST', `/api/v1/ai-systems/${created.body.id}/submit`, { token: owner.token });

    const disabled = await waitUntil(async () => {
      const r = await h.api('GET', `/api/v1/webhook-subscriptions/${id}`, { token: admin.token });
      return r.body.active === false ? r.body : undefined;
    }, 30_000, 'the subscription disabled');
    expect(disabled).toMatchObject({ active: false, disabledReason: 'gone' });
    const deliveries = await h.api('GET', `/api/v1/webhook-subscriptions/${id}/deliveries`, { token: admin.token });
    expect(deliveries.body.items[0]).toMatchObject({ status: 'gone', attempts: [expect.objectContaining({ statusCode: 410 })] });
    const audit = await h.dataSource.query(`SELECT event_type, actor_label, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [`webhook-subscription:${id}`]);
    expect(audit.map((a: { event_type: string }) => a.event_type)).toEqual(['webhook_subscription.created', 'webhook_subscription.disabled']);
    expect(audit[1]).toMatchObject({ actor_label: 'system', payload: { reason: 'gone', statusCode: 410 } });
    // no more deliveries for it: a later stage change reaches the receiver no more
    const before = receiver.received.filter((r) => r.path === '/gone').length;
    await h.api('POST', `/api/v1/ai-systems/${created.body.id}/impact-assessments`, { token: owner.token, body: { answers: answersFor('minimal') } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter((r) => r.path === '/gone').length).toBe(before);
    // enabled again by an admin
    const enabled = await h.api('PATCH', `/api/v1/webhook-subscriptions/${id}`, { token: admin.token, body: { active: true } });
    expect(enabled.body).toMatchObject({ active: true, disabledReason: null });
  });

  it('rotates the secret: the new one signs, the old one still does for the overlap', async () => {
    const { id, secret: oldSecret } = await subscribe('/rotated', ['ai_system.stage_changed']);
    const rotated = await h.api('POST', `/api/v1/webhook-subscriptions/${id}/rotate-secret`, { token: admin.token, body: { previousSecretHours: 1 } });
    expect(rotated.status).toBe(200);
    const newSecret: string = rotated.body.secret;
    expect(newSecret).not.toBe(oldSecret);
    const owner = await h.createUser(['product_owner']);
    const created = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody('Rotated secret system'), accountableOwnerId: owner.user.id } });
    await h.api('POST', `/api/v1/ai-systems/${created.body.id}/submit`, { token: owner.token });
    await waitUntil(async () => (receiver.received.some((r) => r.path === '/rotated') ? true : undefined), 30_000, 'the delivery');
    expect(verifiedAt('/rotated', newSecret)).toHaveLength(1);
    expect(verifiedAt('/rotated', oldSecret)).toHaveLength(1);
  });

  it('reports a change of control health when the daily snapshot differs from the day before', async () => {
    const { secret } = await subscribe('/control-health', ['control_health.changed']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = { effective: 1000, attention: 0, no_evidence: 0, not_applicable: 0 };
    await h.dataSource.query(
      `INSERT INTO control_health_snapshots (day, taken_at, systems, totals, by_framework, controls, soa_version, evidence_map_revision)
       VALUES ($1, now() - interval '1 day', 0, $2, '{}', $3, NULL, 1)`,
      [yesterday, JSON.stringify(before), JSON.stringify({ 'iso42001 A.2.2': 'effective' })],
    );
    // The worker upserted the daily schedule at start; triggered now, it takes today's snapshot.
    const connection = await Connection.connect({ address: h.config.temporal.address });
    try {
      await new Client({ connection, namespace: h.config.temporal.namespace }).schedule.getHandle(controlHealthSnapshotScheduleId(h.config.temporal.taskQueue)).trigger();
    } finally {
      await connection.close();
    }
    const [arrival] = await waitUntil(async () => {
      const got = verifiedAt('/control-health', secret);
      return got.length ? got : undefined;
    }, 60_000, 'the control_health.changed delivery');
    expect(arrival.event.type).toBe('control_health.changed');
    expect(arrival.event.data).toMatchObject({ day: new Date().toISOString().slice(0, 10), previousDay: yesterday, previousTotals: before });
    expect(arrival.event.data.changedControls as number).toBeGreaterThanOrEqual(1);
    expect(arrival.event.data.controls).toEqual(expect.arrayContaining([expect.objectContaining({ control: 'iso42001 A.2.2', from: 'effective' })]));
  });

  it('refuses bad subscriptions with the field named and writes nothing', async () => {
    const count = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM webhook_subscriptions`))[0].n;
    const before = await count();
    for (const body of [
      { url: 'ftp://example.com/x', events: ['ai_system.stage_changed'] },
      { url: 'https://user:pw@example.com/x', events: ['ai_system.stage_changed'] },
      { url: `${receiver.url}/x`, events: ['user.created'] },
      { url: `${receiver.url}/x`, events: [] },
    ]) {
      const r = await h.api('POST', '/api/v1/webhook-subscriptions', { token: admin.token, body });
      expect(r.status).toBe(400);
      expect(r.body.field).toBe(body.events.length === 1 && body.events[0] !== 'user.created' ? 'url' : 'events');
    }
    expect(await count()).toBe(before);
  });
});
