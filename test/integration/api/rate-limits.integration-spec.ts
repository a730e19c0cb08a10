import { ApiResponse, Harness, startGovernanceHarness } from '../../support/governance-harness';

const UNKNOWN_SOURCE = '00000000-0000-4000-8000-000000000000';

/**
 * Token-bucket limits on what anyone can reach without signing in (emailed action links,
 * sign-in, the monitoring webhook): a 429 in the one error shape with Retry-After, then accepted
 * again once the bucket refills (windows of a second or two here). And whose address counts:
 * the TCP peer's unless TRUST_PROXY names the proxy that sets X-Forwarded-For.
 */
describe('rate limits on unauthenticated endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGovernanceHarness({
      worker: false,
      env: { RATE_LIMIT_SIGN_IN: '3/1.5', RATE_LIMIT_SIGN_IN_EMAIL: '1/1', RATE_LIMIT_ACTIONS: '2/1', RATE_LIMIT_WEBHOOK: '2/1' },
    });
  });
  afterAll(async () => h?.stop());

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function expectLimited(r: { status: number; body: unknown; headers: Headers }) {
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/too many requests/) });
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2).toBe(true);
    return retryAfter;
  }

  it('limits sign-in link requests per client and per address, then lets them through after Retry-After', async () => {
    const ask = (email: string, headers: Record<string, string> = {}) => h.api('POST', '/api/v1/auth/sign-in-links', { body: { email }, headers });
    expect((await ask('someone@example.test')).status).toBe(202);
    // The same address at once: its own bucket (1 per second) refuses, though the client has tokens left.
    expectLimited(await ask('SOMEONE@example.test'));
    expect((await ask('another@example.test')).status).toBe(202);
    // The client's bucket (3 per 1.5 s) is empty now; a forged X-Forwarded-For does not give it a new one (TRUST_PROXY is off).
    const limited = await ask('third@example.test', { 'x-forwarded-for': '203.0.113.7' });
    const wait = expectLimited(limited);
    await sleep(wait * 1000);
    expect((await ask('third@example.test')).status).toBe(202);
  });

  it('limits the single sign-on routes with the sign-in limit, before the handler runs', async () => {
    // Single sign-on is not configured here, so the handler would answer 404: a 429 shows the limit runs first.
    const routes = ['/auth/oidc/start?returnTo=/', '/auth/oidc/callback?code=c&state=s'];
    await sleep(1600); // the sign-in bucket (3 per 1.5 s), which the test above drew on, is full again
    const statuses: number[] = [];
    let limited: ApiResponse | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      const r = await h.api('GET', routes[i % 2], { headers: { accept: 'application/json' } });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 1)).not.toContain(429);
    expect(limited).toBeDefined();
    const wait = expectLimited(limited!);
    await sleep(wait * 1000);
    expect((await h.api('GET', routes[0], { headers: { accept: 'application/json' } })).status).not.toBe(429);
  });

  it('limits emailed action pages, before the token is even looked at', async () => {
    const open = () => h.api('GET', '/actions/not-a-real-token', { headers: { accept: 'application/json' } });
    for (let i = 0; i < 2; i++) expect((await open()).status).not.toBe(429);
    const wait = expectLimited(await open());
    expectLimited(await h.api('POST', '/actions/not-a-real-token', { body: 'decision=approve', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } }));
    await sleep(wait * 1000);
    expect((await open()).status).not.toBe(429);
  });

  it('limits the monitoring webhook, and a refused request writes nothing', async () => {
    const before = await h.rowCounts();
    const post = () => h.api('POST', `/api/v1/monitoring/webhooks/${UNKNOWN_SOURCE}`, { body: { aiSystemId: UNKNOWN_SOURCE, kind: 'drift', severity: 'critical' } });
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(401);
    const wait = expectLimited(await post());
    expect(await h.rowCounts()).toEqual(before);
    await sleep(wait * 1000);
    expect((await post()).status).toBe(401);
  });

  it('documents the 429 with Retry-After on the limited operations', async () => {
    const doc = (await h.api('GET', '/api/docs/openapi.json')).body;
    for (const [path, method] of [
      ['/api/v1/auth/sign-in-links', 'post'],
      ['/api/v1/monitoring/webhooks/{sourceId}', 'post'],
    ]) {
      const tooMany = doc.paths[path][method].responses['429'];
      expect(tooMany.headers['Retry-After']).toBeDefined();
      expect(tooMany.content['application/json'].schema.$ref).toBe('#/components/schemas/ApiError');
    }
  });
});

describe('TRUST_PROXY', () => {
  const open = (h: Harness, forwardedFor: string) => h.api('GET', '/actions/not-a-real-token', { headers: { accept: 'application/json', 'x-forwarded-for': forwardedFor } });

  it('off (the default): X-Forwarded-For is ignored, every request counts against the peer', async () => {
    const h = await startGovernanceHarness({ worker: false, env: { RATE_LIMIT_ACTIONS: '1/60' } });
    try {
      expect(h.config.trustProxy).toBe(false);
      expect((await open(h, '198.51.100.1')).status).not.toBe(429);
      expect((await open(h, '198.51.100.2')).status).toBe(429);
    } finally {
      await h.stop();
    }
  });

  it('a hop count: the nearest proxy’s X-Forwarded-For names the client, as documented (Fastify alone would trust no one for a bare count)', async () => {
    const h = await startGovernanceHarness({ worker: false, env: { RATE_LIMIT_ACTIONS: '1/60', TRUST_PROXY: '1' } });
    try {
      expect(h.config.trustProxy).toBe(1);
      expect((await open(h, '198.51.100.1')).status).not.toBe(429);
      expect((await open(h, '198.51.100.2')).status).not.toBe(429);
      // Two hops named: one trusted proxy, so the client is the last address it added.
      expect((await open(h, '203.0.113.9, 198.51.100.1')).status).toBe(429);
    } finally {
      await h.stop();
    }
  });

  it('naming the proxy: its X-Forwarded-For names the client, each client with its own bucket', async () => {
    const h = await startGovernanceHarness({ worker: false, env: { RATE_LIMIT_ACTIONS: '1/60', TRUST_PROXY: '127.0.0.1/32' } });
    try {
      expect(h.config.trustProxy).toEqual(['127.0.0.1/32']);
      expect((await open(h, '198.51.100.1')).status).not.toBe(429);
      expect((await open(h, '198.51.100.2')).status).not.toBe(429);
      expect((await open(h, '198.51.100.1')).status).toBe(429);
    } finally {
      await h.stop();
    }
  });
});
