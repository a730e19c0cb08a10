import { Webhook } from 'standardwebhooks';
import { Harness, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { waitUntil } from '../../support/wait-until';

const SYSTEMS = 4;

/**
 * The worker process is SIGKILLed while it is in the middle of a webhook POST (the receiver
 * holds the request open), then started again. Every event must still arrive, at least once,
 * and every arrival of one event must carry the same webhook-id, so a receiver that
 * deduplicates by it sees each event exactly once.
 */
describe('fault: worker killed in the middle of a webhook delivery', () => {
  let h: Harness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    h = await startGovernanceHarness({
      worker: 'process',
      env: {
        WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true',
        WEBHOOK_RETRY_INITIAL: 'PT0.3S',
        WEBHOOK_RETRY_MAX_INTERVAL: 'PT1S',
        WEBHOOK_RETRY_FOR: 'PT120S',
        WEBHOOK_REQUEST_TIMEOUT: 'PT3S',
        WEBHOOK_DISPATCH_POLL: 'PT0.1S',
      },
    });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.stop();
    await h?.stop();
  });

  it('delivers every event at least once, all arrivals of one event under one webhook-id', async () => {
    const seen = new Set<string>();
    // The first arrival of each event is held open: the worker is mid-POST when it dies.
    receiver.answer('/crash', (_nth, request) => {
      const id = request.headers['webhook-id'];
      if (seen.has(id)) return 200;
      seen.add(id);
      return 'hold';
    });
    const admin = await h.createUser(['admin']);
    const created = await h.api('POST', '/api/v1/webhook-subscriptions', {
      token: admin.token,
      body: { url: `${receiver.url}/crash`, events: ['ai_system.stage_changed'] },
    });
    expect(created.status).toBe(201);
    const { secret } = created.body;
    const subscriptionId: string = created.body.subscription.id;

    const owner = await h.createUser(['product_owner']);
    const systems: string[] = [];
    for (let i = 0; i < SYSTEMS; i++) {
      const r = await h.api('POST', '/api/v1/ai-systems', { token: owner.token, body: { ...registrationBody(`Crash webhook ${i}`), accountableOwnerId: owner.user.id } });
      expect(r.status).toBe(201);
      systems.push(r.body.id);
    }
    const submitting = Promise.all(systems.map((id) => h.api('POST', `/api/v1/ai-systems/${id}/submit`, { token: owner.token })));

    // Kill as soon as the first POST is in flight, then start a worker again, as a supervisor would.
    await waitUntil(async () => (receiver.received.some((r) => r.path === '/crash') ? true : undefined), 60_000, 'the first POST');
    const worker = h.workerProcess!;
    worker.kill();
    await worker.exited();
    receiver.releaseHeld();
    await worker.start();
    for (const r of await submitting) expect([201, 409, 503]).toContain(r.status);

    const events: Array<{ id: string; ai_system_id: string }> = await waitUntil(async () => {
      const rows = await h.dataSource.query(
        `SELECT e.id, e.ai_system_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.subscription_id = $1 AND d.status = 'delivered'`,
        [subscriptionId],
      );
      return rows.length === SYSTEMS ? rows : undefined;
    }, 120_000, `${SYSTEMS} delivered events`);
    expect(new Set(events.map((e) => e.ai_system_id))).toEqual(new Set(systems));

    const wh = new Webhook(secret);
    const arrivals = receiver.received.filter((r) => r.path === '/crash').map((r) => ({ headerId: r.headers['webhook-id'], body: wh.verify(r.body, r.headers) as { id: string } }));
    for (const event of events) {
      const mine = arrivals.filter((a) => a.body.id === event.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(new Set(mine.map((a) => a.headerId))).toEqual(new Set([event.id]));
    }
    // the event killed in flight arrived twice (held, then retried by the new worker), one id
    expect(arrivals.length).toBeGreaterThan(SYSTEMS);
    const attempts = await h.dataSource.query(
      `SELECT a.status_code FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1`,
      [subscriptionId],
    );
    expect(attempts.filter((a: { status_code: number | null }) => a.status_code === 200)).toHaveLength(SYSTEMS);
  });
});
