import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './sessions/session-cookie';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 409 },
    error: { type: 'string', example: 'Conflict' },
    message: { type: 'string', example: "action 'deploy' is not allowed in stage 'design'" },
    field: { type: 'string', description: 'the offending input, where there is one', example: 'version' },
  },
};

/** The OpenAPI document, with the one error shape attached to every operation's 4xx answers. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('AI Governance Engine')
    .setDescription(
      'Lifecycle governance for AI systems (ISO/IEC 42001, ISO/IEC 27001, EU AI Act). Every change runs through the ' +
        "system's durable workflow; reads come from the read model. Authenticate with a personal bearer token, or (in a " +
        'browser) the session cookie from an emailed sign-in link; cookie-authenticated writes carry X-CSRF-Token.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ApiError: ERROR_SCHEMA } };
  const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
  const idempotencyHeader = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Any 1-200 visible ASCII characters, unique per intended action. A request resent with the same key (after a timeout ' +
      'or a 503) takes effect once and answers like the first: a signed-in write\'s first successful answer is kept for ' +
      '24 hours, bound to the caller and the request (method, path, body), and replayed with `Idempotent-Replayed: true`. ' +
      'The same key with a different request answers 422; a resend while the first is still running answers 409.',
    schema: { type: 'string', maxLength: 200 },
  };
  for (const path of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(path) as Array<[string, { responses?: Record<string, unknown>; parameters?: unknown[] }]>) {
      if (!operation?.responses) continue;
      if (['post', 'put', 'patch'].includes(method)) {
        operation.parameters = [...(operation.parameters ?? []), idempotencyHeader];
        operation.responses['422'] ??= { description: 'The Idempotency-Key was already used for a different request', ...errorRef };
      }
      operation.responses['503'] ??= { description: 'A dependency (database or workflow engine) is unavailable; retry, with the same Idempotency-Key', ...errorRef };
      for (const [code, description] of [
        ['400', 'Invalid input (the field is named)'],
        ['401', 'Not signed in: no valid bearer token or session cookie'],
        ['403', 'Not allowed for this user'],
        ['404', 'Not found'],
        ['409', 'Not allowed in the current state'],
      ]) {
        // A route's own description (e.g. the roles `@Allow` names for 403) stays; the error shape is added.
        const own = operation.responses[code] as { description?: string; content?: unknown } | undefined;
        operation.responses[code] = own?.content ? own : { description: own?.description ?? description, ...errorRef };
      }
    }
  }
  return document;
}
