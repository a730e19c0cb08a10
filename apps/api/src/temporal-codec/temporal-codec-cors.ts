import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';

/** Only these headers may be asked for: what the Temporal UI sends (X-Namespace, the access token). */
const ALLOWED_HEADERS = ['content-type', 'x-namespace', 'authorization'];

/**
 * CORS for the codec endpoint alone, for the Temporal UI's origins (TEMPORAL_CODEC_CORS_ORIGINS):
 * the UI runs on another origin and calls it from the browser, with credentials (the session
 * cookie) when "include credentials" is on. Any other origin gets no CORS headers, so its
 * script cannot read an answer. The headers are set on every answer, refusals included, so the
 * UI can show a 401 or 403 rather than a bare network error; the preflight is answered here.
 */
@Injectable()
export class TemporalCodecCors implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!instance) return;
    const origins = new Set(this.config.temporalCodecCorsOrigins);
    instance.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/v1/temporal-codec/')) return;
      const origin = request.headers.origin;
      const allowed = typeof origin === 'string' && origins.has(origin);
      void reply.header('vary', 'Origin');
      if (allowed) {
        void reply.header('access-control-allow-origin', origin);
        void reply.header('access-control-allow-credentials', 'true');
      }
      if (request.method !== 'OPTIONS') return;
      if (allowed) {
        void reply.header('access-control-allow-methods', 'POST');
        void reply.header('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
        void reply.header('access-control-max-age', '600');
      }
      return reply.code(204).send();
    });
  }
}
