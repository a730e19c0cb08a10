import { postWebhook } from '@aigov/notifications/webhook-poster';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';

/**
 * Server-side request forgery: with the default configuration a subscription cannot point the
 * worker at this machine, the private network or the cloud metadata service, neither by address
 * nor by a name that resolves there, and the worker checks the address it connects to again.
 */
describe('outbound webhooks: destinations refused by default (SSRF)', () => {
  let h: Harness;
  let admin: HarnessUser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    admin = await h.createUser(['admin']);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.stop();
    await h?.stop();
  });

  it.each([
    ['loopback', () => `${receiver.url}/hook`],
    ['loopback IPv6', () => 'http://[::1]:8080/hook'],
    ['IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]/hook'],
    ['a decimal spelling of loopback', () => 'http://2130706433/hook'],
    ['localhost by name', () => 'http://localhost:8080/hook'],
    ['the cloud metadata service', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'https://10.0.0.7/hook'],
    ['the unspecified address', () => 'http://0.0.0.0:8080/hook'],
  ])('refuses %s with 400 on url, and writes nothing', async (_what, url) => {
    const before = await h.rowCounts();
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM webhook_subscriptions`);
    const r = await h.api('POST', '/api/v1/webhook-subscriptions', { token: admin.token, body: { url: url(), events: ['ai_system.stage_changed'] } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field: 'url' });
    expect(r.body.message).toMatch(/may not reach/);
    expect(await h.rowCounts()).toEqual(before);
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM webhook_subscriptions`))[0].n).toBe(n);
  });

  it('refuses the same on an update of the URL', async () => {
    // A public literal address needs no DNS lookup, so this works offline.
    const created = await h.api('POST', '/api/v1/webhook-subscriptions', { token: admin.token, body: { url: 'https://93.184.216.34/hook', events: ['approval.decided'] } });
    expect(created.status).toBe(201);
    const r = await h.api('PATCH', `/api/v1/webhook-subscriptions/${created.body.subscription.id}`, { token: admin.token, body: { url: 'http://169.254.169.254/' } });
    expect(r).toMatchObject({ status: 400, body: { field: 'url' } });
    expect((await h.api('GET', `/api/v1/webhook-subscriptions/${created.body.subscription.id}`, { token: admin.token })).body.url).toBe('https://93.184.216.34/hook');
  });

  it('the worker refuses to connect to a loopback address, literal or resolved from a name, and the receiver gets nothing', async () => {
    const port = new URL(receiver.url).port;
    for (const url of [`${receiver.url}/direct`, `http://localhost:${port}/by-name`]) {
      const result = await postWebhook({ url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 2000, allowPrivate: false });
      expect(result.statusCode).toBeNull();
      expect(result.error).toMatch(/destination refused/);
    }
    expect(receiver.received).toHaveLength(0);
    // allowed by the setting, the same POST arrives
    const allowed = await postWebhook({ url: `http://localhost:${port}/by-name`, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 2000, allowPrivate: true });
    expect(allowed).toMatchObject({ statusCode: 204, error: null });
    expect(receiver.received.map((r) => r.path)).toEqual(['/by-name']);
  });
});
