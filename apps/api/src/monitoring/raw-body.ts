import type { FastifyReply, FastifyRequest } from 'fastify';
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

const SIGNED_ROUTE = /^\/api\/v1\/monitoring\/webhooks\/:sourceId$/;

/** For Fastify's onRoute hook: gives the signed webhook route its raw body and a small body limit. */
export function keepRawBodyOfSignedWebhook(route: { url: string; method: string | string[]; bodyLimit?: number; preParsing?: unknown }): void {
  if (!SIGNED_ROUTE.test(route.url) || route.method !== 'POST') return;
  route.bodyLimit = WEBHOOK_BODY_LIMIT;
  const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
  route.preParsing = [...existing, captureRawBody];
}
