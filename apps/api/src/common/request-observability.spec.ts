import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from '@aigov/observability/logger';
import { registerRequestObservability } from './request-observability';

/**
 * The access log of failed requests on a real Fastify instance: a person's route that fails
 * gets its line each time; the machine-rate route (POST /authorize, called before every
 * gateway action) folds its failures into one line per run and minute.
 */
describe('request observability: failed requests in the access log', () => {
  let app: FastifyInstance;
  let records: Array<Record<string, unknown>>;

  beforeEach(async () => {
    records = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) records.push(JSON.parse(line));
        done();
      },
    });
    app = Fastify();
    registerRequestObservability(app, { logger: createLogger({ service: 'api', level: 'info', destination }) });
    app.post('/api/v1/authorize', async (_request, reply) => reply.code(503).send({ statusCode: 503 }));
    app.get('/api/v1/ai-systems', async (_request, reply) => reply.code(503).send({ statusCode: 503 }));
    await app.ready();
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance', 'hrtime'] });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await app.close();
  });

  it('writes a line per failed request of a person’s route', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/ai-systems' })).statusCode).toBe(503);
    expect(records.map((r) => [r.level, r.msg, r.route, r.statusCode])).toEqual(Array(3).fill(['error', 'request failed', '/api/v1/ai-systems', 503]));
  });

  it('folds the machine-rate route’s failures: the first at once, then one line a minute, then when they stopped', async () => {
    for (let i = 0; i < 50; i++) expect((await app.inject({ method: 'POST', url: '/api/v1/authorize', payload: {} })).statusCode).toBe(503);
    expect(records.map((r) => [r.level, r.msg])).toEqual([['error', expect.stringMatching(/^a machine-rate route answered 5xx: POST \/api\/v1\/authorize 503 \(request [^)]+\) \(more of these/)]]);
    jest.advanceTimersByTime(60_000);
    jest.advanceTimersByTime(60_000);
    expect(records.slice(1).map((r) => [r.level, r.msg])).toEqual([
      ['error', expect.stringMatching(/^a machine-rate route answered 5xx: 49 more in the last minute, the last: POST \/api\/v1\/authorize 503/)],
      ['info', expect.stringMatching(/^a machine-rate route answered 5xx: no longer failing; 50 failures in all from /)],
    ]);
  });
});
