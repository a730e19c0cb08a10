import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

/** The most a monitoring delivery may carry: an event is a few hundred bytes. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const RAW_BODY = Symbol('raw body');

/** The route's raw request bytes, as captured before parsing (the signature covers exactly these). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as FastifyRequest & { [RAW_BODY]?: Buffer })[RAW_BODY];
}

class PayloadTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/**
 * Keeps the raw body of one route for signature checks: a preParsing hook reads the bytes
 * (bounded by the route's body limit), keeps them on the request, and hands the parser a fresh
 * stream of the same bytes. Other routes keep Fastify's streaming parse untouched.
 */
async function captureRawBody(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream): Promise<Readable> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > WEBHOOK_BODY_LIMIT) throw new PayloadTooLarge('Request body is too large');
    chunks.push(buffer);
  }
  const raw = Buffer.concat(chunks);
  (request as FastifyRequest & { [RAW_BODY]?: Buffer })[RAW_BODY] = raw;
  const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
  // Fastify compares this with Content-Length, as it would the original stream's.
  replay.receivedEncodedLength = raw.length;
  return replay;
}

const SIGNED_ROUTE = /^\/api\/v1\/monitoring\/webhooks\/:sourceId$/;

/** For Fastify's onRoute hook: gives the signed webhook route its raw body and a small body limit. */
export function keepRawBodyOfSignedWebhook(route: { url: string; method: string | string[]; bodyLimit?: number; preParsing?: unknown }): void {
  if (!SIGNED_ROUTE.test(route.url) || route.method !== 'POST') return;
  route.bodyLimit = WEBHOOK_BODY_LIMIT;
  const existing = route.preParsing ? (Array.isArray(route.preParsing) ? route.preParsing : [route.preParsing]) : [];
  route.preParsing = [...existing, captureRawBody];
}
