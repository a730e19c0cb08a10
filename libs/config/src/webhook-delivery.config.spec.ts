import { randomBytes } from 'node:crypto';
import { loadWebhookDeliveryConfig } from './webhook-delivery.config';

const fail = (variable: string, reason: string): never => {
  throw new Error(`${variable}: ${reason}`);
};

describe('outbound webhook configuration', () => {
  it('defaults: public destinations only, 10 s requests, 30 s doubling to an hour for a day, a key derived from the action-link secret', () => {
    const c = loadWebhookDeliveryConfig({}, 'action-link-secret-of-this-install', fail);
    expect(c).toMatchObject({ allowPrivateDestinations: false, requestTimeoutMs: 10_000, dispatchPollMs: 1_000, retentionMs: 30 * 86_400_000 });
    expect(c.retry).toEqual({ initialIntervalMs: 30_000, maxIntervalMs: 3_600_000, retryForMs: 86_400_000 });
    expect(c.secretKeys).toHaveLength(1);
    expect(c.secretKeys[0].key).toHaveLength(32);
    // the same secret gives the same key in the API and the worker; another gives another
    expect(loadWebhookDeliveryConfig({}, 'action-link-secret-of-this-install', fail).secretKeys[0].key).toEqual(c.secretKeys[0].key);
    expect(loadWebhookDeliveryConfig({}, 'another-secret-entirely-here', fail).secretKeys[0].id).not.toBe(c.secretKeys[0].id);
  });

  it('reads ISO-8601 durations, the SSRF switch and explicit keys (first seals, all open)', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const c = loadWebhookDeliveryConfig(
      {
        WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'true',
        WEBHOOK_REQUEST_TIMEOUT: 'PT2S',
        WEBHOOK_RETRY_INITIAL: 'PT0.3S',
        WEBHOOK_RETRY_MAX_INTERVAL: 'PT1S',
        WEBHOOK_RETRY_FOR: 'PT1M',
        WEBHOOK_DISPATCH_POLL: 'PT0.1S',
        WEBHOOK_RETENTION: 'P90D',
        WEBHOOK_SUBSCRIPTION_KEYS: `${k1.toString('base64')}, ${k2.toString('base64')}`,
      },
      'unused-because-keys-are-given',
      fail,
    );
    expect(c).toMatchObject({ allowPrivateDestinations: true, requestTimeoutMs: 2000, dispatchPollMs: 100, retentionMs: 90 * 86_400_000, retry: { initialIntervalMs: 300, maxIntervalMs: 1000, retryForMs: 60_000 } });
    expect(c.secretKeys.map((k) => k.key)).toEqual([k1, k2]);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: 'yes' }, 's', fail)).toThrow(/^WEBHOOK_ALLOW_PRIVATE_DESTINATIONS/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_REQUEST_TIMEOUT: '10' }, 's', fail)).toThrow(/^WEBHOOK_REQUEST_TIMEOUT/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_REQUEST_TIMEOUT: 'PT1H' }, 's', fail)).toThrow(/^WEBHOOK_REQUEST_TIMEOUT: must be from/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_RETRY_INITIAL: 'PT2H', WEBHOOK_RETRY_MAX_INTERVAL: 'PT1H' }, 's', fail)).toThrow(/^WEBHOOK_RETRY_MAX_INTERVAL/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_RETENTION: 'PT5M' }, 's', fail)).toThrow(/^WEBHOOK_RETENTION: must be from 3600000 ms/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_RETENTION: 'thirty days' }, 's', fail)).toThrow(/^WEBHOOK_RETENTION/);
    expect(() => loadWebhookDeliveryConfig({ WEBHOOK_SUBSCRIPTION_KEYS: 'c2hvcnQ=' }, 's', fail)).toThrow(/^WEBHOOK_SUBSCRIPTION_KEYS: key 1 must be base64 of exactly 32 bytes/);
  });
});
