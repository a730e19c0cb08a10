import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { fastifyTrustProxy } from '@aigov/config/trust-proxy.config';
import { DataSource } from 'typeorm';
import { ApiModule } from './api.module';
import { registerBoundedBodyParsers } from './common/body-bounds.hook';
import { registerHtmlSecurityHeaders } from './common/html-security-headers';
import { HttpErrorFilter } from './common/http-error.filter';
import { IdempotencyKeyInterceptor } from './common/idempotency-key';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { createValidationPipe } from './common/validation.pipe';
import { defaultWebAppDir, serveWebApp } from './common/web-app';
import { HttpMetrics } from '@aigov/observability/http-metrics';
import { createLogger } from '@aigov/observability/logger';
import { PinoNestLogger, pinoLevelOf } from '@aigov/observability/nest-logger';
import { acceptRequestId } from '@aigov/observability/request-context';
import { registerRequestObservability } from './common/request-observability';
import { AuthorizeFastLane } from './scope/authorize/authorize-fast-lane';
import { buildOpenApiDocument } from './openapi';
import { MANUAL_EVIDENCE_BODY_LIMIT } from './manual-evidence/manual-evidence.controller';
import { keepRawBodyOfSignedWebhook } from './monitoring/raw-body';
import { registerSpreadsheetUploadParser } from './ai-systems/import/spreadsheet-upload';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (not yet listening); used by main.ts and by tests. */
export async function createApiApp(
  config: AppConfig,
  opts: {
    /** false: no logs; Nest's level list (tests pass ['error', 'warn']): the least severe listed; default config.logLevel */
    logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'>;
    /** where the JSON log lines go (default stdout); tests capture them here */
    logDestination?: DestinationStream;
    clock?: Clock;
    /** Nest's preview mode: modules and controllers are scanned, no provider is created (no database, no Temporal); enough for the OpenAPI document, not for serving. */
    preview?: boolean;
    /** the built web application to serve at `/` (default: dist/web, see common/web-app.ts); not served when it is not built */
    webAppDir?: string;
  } = {},
): Promise<NestFastifyApplication> {
  const level = opts.logger === false ? 'silent' : opts.logger ? pinoLevelOf(opts.logger) : config.logLevel;
  const logger = createLogger({ service: 'api', level, destination: opts.logDestination });
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    // Off unless TRUST_PROXY names the proxies in front (trust-proxy.config.ts): request.ip, which the rate limits key on, is then the client's own.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // request.id: the caller's X-Request-Id when it is well-formed, else a new UUID (request-context.ts).
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => acceptRequestId(request.headers['x-request-id']),
    // Action-link tokens are ~115 characters, beyond Fastify's default of 100 for a path parameter.
    routerOptions: { maxParamLength: 512 },
  });
  // Manual evidence carries a document of up to 10 MiB as base64: those two routes alone take more.
  adapter.getInstance().addHook('onRoute', (route) => {
    keepRawBodyOfSignedWebhook(route);
    if (/^\/api\/v1\/manual-evidence(\/:id)?$/.test(route.url) && (route.method === 'POST' || route.method === 'PUT')) route.bodyLimit = MANUAL_EVIDENCE_BODY_LIMIT;
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, opts.clock), adapter, {
    logger: new PinoNestLogger(logger),
    preview: opts.preview,
  });
  registerRequestObservability(adapter.getInstance(), { logger, metrics: opts.preview ? undefined : app.get(HttpMetrics) });
  // Gateways' POST /authorize, answered ahead of Nest's pipeline when it can be (authorize-fast-lane.ts).
  if (!opts.preview) app.get(AuthorizeFastLane).register(adapter.getInstance());
  // Emailed links post an HTML form: the Fastify adapter parses urlencoded bodies itself.
  // Pages people open from emails, and their stylesheet, live outside /api/v1.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'health/ready', 'metrics', 'actions/:token', 'auth/sign-in/:token', 'auth/assets/:file', 'auth/oidc/start', 'auth/oidc/callback'] });
  // Nesting and key counts are bounded before anything parses or recurses over a body (body-bounds.hook.ts).
  registerBoundedBodyParsers(app, config.requestBodyBounds, adapter.getInstance().initialConfig.bodyLimit ?? 1_048_576);
  // Inventory imports take the file itself as the body (CSV or XLSX), up to IMPORT_MAX_BYTES.
  registerSpreadsheetUploadParser(adapter.getInstance(), config.inventoryImport.maxBytes);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // Idempotency-Key: every signed-in write's first answer is kept and replayed (idempotency-key.ts).
  const idempotency = opts.preview ? undefined : new IdempotencyStore(app.get(DataSource), app.get(Clock), config.actionLinkSecret);
  app.useGlobalInterceptors(new IdempotencyKeyInterceptor(idempotency));
  app.enableShutdownHooks();
  registerHtmlSecurityHeaders(adapter.getInstance());
  if (!opts.preview) serveWebApp(adapter.getInstance(), opts.webAppDir ?? defaultWebAppDir());
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
