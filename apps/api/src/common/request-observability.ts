import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpMetrics } from '@aigov/observability/http-metrics';
import type { Logger } from '@aigov/observability/logger';
import { RepeatedWarning } from '@aigov/observability/repeated-warning';
import { REQUEST_ID_HTTP_HEADER, requestContext } from '@aigov/observability/request-context';

const PROBE_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);
/**
 * Routes machines call at machine rates: gateways ask POST /authorize before each action (a
 * thousand a second is the design point). Their count and latency are in the metrics and their
 * denials in the audit trail; an access-log line each would be 86 million lines a day.
 */
const MACHINE_RATE_ROUTES = new Set(['/api/v1/authorize']);
const ASYNC_RESOURCE = Symbol('aigov.requestContextResource');
type WithResource = FastifyRequest & { [ASYNC_RESOURCE]?: AsyncResource };

/** The route pattern a request matched (`/actions/:token`), or `unmatched`: never the URL itself, which may carry a token. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? 'unmatched';
}

/**
 * Per request: the id (Fastify's `request.id`, from X-Request-Id when well-formed, see
 * genReqId in bootstrap.ts) echoed in the answer and kept in async local storage for the log
 * lines and Temporal calls made on its behalf; on the answer, one access-log line and the
 * request's count and latency. The line names the route pattern, method, status and duration,
 * and no header, query or path: those are where tokens travel.
 */
export function registerRequestObservability(fastify: FastifyInstance, opts: { logger: Logger; metrics?: HttpMetrics }): void {
  // A machine-rate route failing fails at machine rate (every gateway call while the database
  // is away): its 5xx lines fold into one per run and minute; its metrics count each one.
  const machineRateFailures = new RepeatedWarning('a machine-rate route answered 5xx', {
    warn: (message) => opts.logger.error(message),
    log: (message) => opts.logger.info(message),
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HTTP_HEADER, request.id);
    requestContext.run({ requestId: request.id }, () => {
      const resource = new AsyncResource('aigov-request');
      (request as WithResource)[ASYNC_RESOURCE] = resource;
      resource.runInAsyncScope(done, request.raw);
    });
  });
  // The body is read in events of the raw request, outside the context entered above; the
  // validation, handler and later hooks run from there, so they re-enter it (the approach of
  // @fastify/request-context).
  fastify.addHook('preValidation', (request, _reply, done) => {
    const resource = (request as WithResource)[ASYNC_RESOURCE];
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    const seconds = reply.elapsedTime / 1000;
    opts.metrics?.observe(request.method, route, reply.statusCode, seconds);
    const line = { requestId: request.id, method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 };
    if (reply.statusCode >= 500 && MACHINE_RATE_ROUTES.has(route)) machineRateFailures.failed(`${request.method} ${route} ${reply.statusCode} (request ${request.id})`);
    else if (reply.statusCode >= 500) opts.logger.error(line, 'request failed');
    // Probes and scrapes come every few seconds: a line each only when debugging.
    else if (PROBE_ROUTES.has(route) || MACHINE_RATE_ROUTES.has(route)) opts.logger.debug(line, 'request completed');
    else opts.logger.info(line, 'request completed');
    done();
  });
}
