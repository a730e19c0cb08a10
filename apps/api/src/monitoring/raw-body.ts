import { HttpException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { reasonPhrase } from '../common/api-error';
import { Readable, Transform } from 'node:stream';

/** The most a monitoring delivery may carry: an event is a few hundred bytes. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const RAW_BODY = Symbol('raw body');

/** The route's raw request bytes, as captured before parsing (the signature covers exactly these). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as FastifyRequest & { [RAW_BODY]?: Buffer })[RAW_BODY];
}

/**
 * Keeps the raw body of one route for signature checks: a preParsing hook hands Fastify's parser
 * a pass-through of the request stream that also keeps each chunk, and stores the bytes on the
 * request once the stream ends. Fastify enforces the route's body limit on that stream as it
 * does on any other (a 413, the connection handled as usual); other routes are untouched.
 */
async function captureRawBody(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream): Promise<Transform> {
  const chunks: Buffer[] = [];
  const keeper = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done(null, chunk);
    },
    flush(done) {
      (request as FastifyRequest & { [RAW_BODY]?: Buffer })[RAW_BODY] = Buffer.concat(chunks);
      done();
    },
  });
  (payload as Readable).on('error', (error) => keeper.destroy(error));
  return (payload as Readable).pipe(keeper);
}

/** The monitoring webhook (Standard Webhooks) and MLflow's model registry webhooks: both sign the raw bytes. */
const SIGNED_ROUTE = /^\/api\/v1\/(monitoring|mlflow)\/webhooks\/:sourceId$/;

/**
 * Fastify's own refusals of a signed delivery's body (not JSON, too large, another content type)
 * happen before Nest's handler, and Nest would pass them on with no field. Senders such as MLflow
 * log the answer they get, so these name the body like every other refusal of it.
 */
function refuseBody(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // The body-bounds hook refuses a hostile body with our own ApiError (an HttpException, which has
  // no statusCode property): it already carries the answer, field included.
  if (error instanceof HttpException) {
    void reply.status(error.getStatus()).header('content-type', 'application/json; charset=utf-8').send(error.getResponse());
    return;
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) request.log.error(error);
  const message = status === 500 ? 'internal error' : error.message;
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ statusCode: status, error: reasonPhrase(status), message, ...(status < 500 ? { field: 'body' } : {}) });
}

/** For Fastify's onRoute hook: gives the signed webhook routes their raw body, a small body limit and named body refusals. */
export function keepRawBodyOfSignedWebhook(route: { url: string; method: string | string[]; bodyLimit?: number; preParsing?: unknown; errorHandler?: unknown }): void {
  if (!SIGNED_ROUTE.test(route.url) || route.method !== 'POST') return;
  route.bodyLimit = WEBHOOK_BODY_LIMIT;
  const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
  route.preParsing = [...existing, captureRawBody];
  route.errorHandler = refuseBody;
}
