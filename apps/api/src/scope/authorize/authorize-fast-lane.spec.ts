import { Logger } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { Clock } from '@aigov/config/clock';
import { hashApiToken } from '../../auth/api-token';
import { AuthorizeFastLane } from './authorize-fast-lane';
import type { AuthorizeService } from './authorize.service';
import type { GatewayAndSystem, RuntimeSnapshotReader } from './runtime-snapshot.reader';

const SECRET = `aigw_${'k'.repeat(43)}`;
const SYSTEM = '0b5e7c4a-9d1f-4c1e-8a55-2f7d3e9a1b20';
const NOW = new Date('2026-12-01T10:00:00Z');
const fixedClock = { now: () => NOW } as Clock;
const token = (over: Partial<GatewayAndSystem['token']> = {}): GatewayAndSystem['token'] => ({
  id: 't1',
  gatewayName: 'edge',
  expiresAt: new Date('2027-01-01T00:00:00Z'),
  revokedAt: null,
  lastUsedAt: null,
  ...over,
});

/**
 * The lane's hand-over rules on a real Fastify instance, with the route the full pipeline would
 * own replaced by one that says it answered. The reader and the decision are stand-ins here:
 * the integration spec (approved-scope) runs both on PostgreSQL and compares the answers.
 */
describe('AuthorizeFastLane', () => {
  let app: FastifyInstance;
  let registry: Registry;
  let read: (hash: string, systemId: string, withModel: boolean) => Promise<GatewayAndSystem | null>;
  const answered: unknown[] = [];

  beforeEach(async () => {
    answered.length = 0;
    registry = new Registry();
    read = async () => ({ token: token(), system: null });
    const reader = { gatewayAndSystem: (h: string, s: string, m: boolean) => read(h, s, m) } as unknown as RuntimeSnapshotReader;
    const authorizer = {
      answer: async (question: unknown, principal: unknown) => {
        answered.push({ question, principal });
        return { decision: 'deny', reason: 'unknown_system' };
      },
    } as unknown as AuthorizeService;
    app = Fastify();
    new AuthorizeFastLane(reader, authorizer, fixedClock, registry).register(app);
    app.post('/api/v1/authorize', async () => ({ answeredBy: 'full route' }));
    app.post('/api/v1/other', async () => ({ answeredBy: 'other route' }));
    await app.ready();
  });
  afterEach(() => app.close());

  const ask = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${SECRET}` }, url = '/api/v1/authorize') =>
    app.inject({ method: 'POST', url, headers, payload: body as object });
  const outcome = async (name: string) => (await registry.getSingleMetric('aigov_authorize_fast_lane_requests_total')!.get()).values.find((v) => v.labels.outcome === name)?.value ?? 0;
  const question = { systemId: SYSTEM, action: 'call_tool', targets: ['crm.search'] };

  it('answers a working gateway token and a body it can check, reading the token by its hash and the system by id', async () => {
    const calls: unknown[] = [];
    read = async (hash, systemId, withModel) => {
      calls.push({ hash, systemId, withModel });
      return { token: token({ lastUsedAt: new Date('2026-12-01T09:00:00Z') }), system: null };
    };
    const r = await ask(question);
    expect(r.json()).toEqual({ decision: 'deny', reason: 'unknown_system' });
    expect(calls).toEqual([{ hash: hashApiToken(SECRET), systemId: SYSTEM, withModel: false }]);
    expect(answered).toEqual([{ question, principal: { kind: 'gateway', id: 't1', gatewayName: 'edge', lastUsedAt: new Date('2026-12-01T09:00:00Z') } }]);
    expect(await outcome('answered')).toBe(1);
  });

  it.each([
    ['a person’s token', question, { authorization: 'Bearer aigov_personal' }, 'not_a_gateway'],
    ['no token', question, {}, 'not_a_gateway'],
    ['a body it does not check itself', { ...question, systemId: undefined, model: { name: 'm', version: '1' } }, { authorization: `Bearer ${SECRET}` }, 'body'],
    ['an Idempotency-Key', question, { authorization: `Bearer ${SECRET}`, 'idempotency-key': 'k1' }, 'idempotency_key'],
  ])('passes on %s to the full route', async (_label, body, headers, why) => {
    const r = await ask(body, headers);
    expect(r.json()).toEqual({ answeredBy: 'full route' });
    expect(answered).toEqual([]);
    expect(await outcome(why)).toBe(1);
  });

  it.each([
    ['an unknown token', async () => null],
    ['a revoked token', async () => ({ token: token({ revokedAt: new Date('2026-11-30T00:00:00Z') }), system: null })],
    ['an expired token', async () => ({ token: token({ expiresAt: NOW }), system: null })],
  ])('passes on %s, for the full route to answer its 401', async (_label, reader) => {
    read = reader;
    expect((await ask(question)).json()).toEqual({ answeredBy: 'full route' });
    expect(answered).toEqual([]);
    expect(await outcome('token')).toBe(1);
  });

  it('passes on after a database error, so the failure is answered in the API’s own shape by the full route', async () => {
    read = async () => {
      throw new Error('connection terminated');
    };
    expect((await ask(question)).json()).toEqual({ answeredBy: 'full route' });
    expect(await outcome('error')).toBe(1);
  });

  it('logs a run of database errors once (then once a minute), not once per request, and when it has ended', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      read = async () => {
        throw new Error('connection terminated');
      };
      for (let i = 0; i < 20; i++) expect((await ask(question)).json()).toEqual({ answeredBy: 'full route' });
      expect(await outcome('error')).toBe(20);
      expect(warned.mock.calls).toEqual([[expect.stringMatching(/^authorize fast lane passed requests on after an error: connection terminated \(more of these/)]]);
      jest.advanceTimersByTime(60_000);
      expect(warned.mock.calls.slice(1)).toEqual([['authorize fast lane passed requests on after an error: 19 more in the last minute, the last: connection terminated']]);
      jest.advanceTimersByTime(60_000);
      expect(logged.mock.calls).toEqual([[expect.stringMatching(/no longer failing; 20 failures in all from \S+ to \S+ \([\d.]+ s\), the last: connection terminated$/)]]);
    } finally {
      warned.mockRestore();
      logged.mockRestore();
      jest.useRealTimers();
    }
  });

  it('leaves every other route alone', async () => {
    expect((await ask(question, { authorization: `Bearer ${SECRET}` }, '/api/v1/other')).json()).toEqual({ answeredBy: 'other route' });
    expect(answered).toEqual([]);
    expect(await outcome('not_a_gateway')).toBe(0);
  });
});
