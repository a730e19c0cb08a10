import { loadLegacyMonitoringWebhookSecret, loadWebhookSecretKey, webhookSourceKey } from './monitoring-webhook.config';
import { DEFAULT_RATE_LIMITS, loadRateLimits } from './rate-limit.config';
import { fastifyTrustProxy, loadTrustProxy } from './trust-proxy.config';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadTrustProxy({})).toBe(false);
    expect(loadTrustProxy({ TRUST_PROXY: 'false' })).toBe(false);
  });

  it('takes addresses, CIDR ranges, named ranges, a hop count or true', () => {
    expect(loadTrustProxy({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,::1,fd00::/8,loopback' })).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'loopback']);
    expect(loadTrustProxy({ TRUST_PROXY: '2' })).toBe(2);
    expect(loadTrustProxy({ TRUST_PROXY: 'true' })).toBe(true);
  });

  it('hands Fastify a hop count as a function trusting that many nearest peers; the rest as they are', () => {
    const two = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2, 3].map((hop) => two('10.0.0.1', hop))).toEqual([true, true, false, false]);
    expect(fastifyTrustProxy(false)).toBe(false);
    expect(fastifyTrustProxy(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', '0', '1.2.3', ',']) expect(() => loadTrustProxy({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });
});

describe('RATE_LIMIT_*', () => {
  it('has defaults, and reads <requests>/<seconds> or off', () => {
    expect(loadRateLimits({}).rules).toEqual(DEFAULT_RATE_LIMITS);
    const limits = loadRateLimits({ RATE_LIMIT_SIGN_IN: '5/0.5', RATE_LIMIT_WEBHOOK: 'off', RATE_LIMIT_MAX_KEYS: '100' });
    expect(limits.rules.sign_in).toEqual({ requests: 5, windowMs: 500 });
    expect(limits.rules.webhook).toBeNull();
    expect(limits.maxKeys).toBe(100);
  });

  it('refuses malformed limits, naming the variable', () => {
    for (const bad of ['5', '0/60', '5/0', 'many/60', '5/-1']) expect(() => loadRateLimits({ RATE_LIMIT_ACTIONS: bad })).toThrow(/RATE_LIMIT_ACTIONS/);
    expect(() => loadRateLimits({ RATE_LIMIT_MAX_KEYS: '0' })).toThrow(/RATE_LIMIT_MAX_KEYS/);
  });
});

describe('the monitoring webhook settings', () => {
  it('keeps the shared-secret webhook off unless MONITORING_WEBHOOK_LEGACY=true', () => {
    expect(loadLegacyMonitoringWebhookSecret({ MONITORING_WEBHOOK_SECRET: 'x'.repeat(20) })).toBeNull();
    expect(loadLegacyMonitoringWebhookSecret({ MONITORING_WEBHOOK_SECRET: 'x'.repeat(20), MONITORING_WEBHOOK_LEGACY: 'true' })).toBe('x'.repeat(20));
    expect(() => loadLegacyMonitoringWebhookSecret({ MONITORING_WEBHOOK_LEGACY: 'true' })).toThrow(/MONITORING_WEBHOOK_SECRET: is required/);
    expect(() => loadLegacyMonitoringWebhookSecret({ MONITORING_WEBHOOK_LEGACY: 'yes' })).toThrow(/MONITORING_WEBHOOK_LEGACY/);
  });

  it('takes a 32-byte WEBHOOK_SECRET_KEY, else derives one from ACTION_LINK_SECRET', () => {
    const key = Buffer.alloc(32, 9);
    expect(loadWebhookSecretKey({ WEBHOOK_SECRET_KEY: key.toString('base64') })).toEqual(key);
    expect(() => loadWebhookSecretKey({ WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(loadWebhookSecretKey({})).toBeNull();
    const derived = webhookSourceKey({ webhookSecretKey: null, actionLinkSecret: 'a'.repeat(32) });
    expect(derived).toHaveLength(32);
    expect(derived).toEqual(webhookSourceKey({ webhookSecretKey: null, actionLinkSecret: 'a'.repeat(32) }));
    expect(derived).not.toEqual(webhookSourceKey({ webhookSecretKey: null, actionLinkSecret: 'b'.repeat(32) }));
    expect(webhookSourceKey({ webhookSecretKey: key, actionLinkSecret: 'a'.repeat(32) })).toBe(key);
  });
});
