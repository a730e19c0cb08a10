import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse as parseQueryString } from 'node:querystring';
import { badRequest } from './api-error';
import { BodyBounds, bodyBoundsViolation, formTextBoundsViolation, jsonTextBoundsViolation } from './body-bounds';

/**
 * Bounds a request body's structure before anything is built from it, answering 400 in the one
 * error shape (field `body`) whichever route was asked for, before authentication:
 * - JSON and form bodies are scanned as text before they are parsed (jsonTextBoundsViolation,
 *   formTextBoundsViolation), so a hostile body costs a scan that stops at the first excess;
 * - any parsed body is walked again after parsing (a preValidation hook), whatever parser made it.
 * The parsers are Nest's own (Fastify's JSON parser with prototype-poisoning protection; form
 * fields flat, repeated ones as arrays) with the scan in front; registering them here replaces
 * the ones Nest would register at init.
 */
export function registerBoundedBodyParsers(app: NestFastifyApplication, bounds: BodyBounds, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    const reason = jsonTextBoundsViolation(text, bounds);
    if (reason) return done(badRequest(reason, 'body'), undefined);
    defaultJsonParser(request as Parameters<typeof defaultJsonParser>[0], text, done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    const text = body.toString('utf8');
    const reason = formTextBoundsViolation(text, bounds);
    if (reason) return done(badRequest(reason, 'body'), undefined);
    done(null, parseQueryString(text));
  });
  fastify.addHook('preValidation', async (request) => {
    const reason = bodyBoundsViolation(request.body, bounds);
    if (reason) throw badRequest(reason, 'body');
  });
}
