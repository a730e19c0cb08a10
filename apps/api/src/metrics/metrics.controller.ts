import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { metricsScrapeAllowed } from '@aigov/observability/metrics-access';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';

/**
 * Prometheus scrapes GET /metrics (text exposition format 0.0.4) with the bearer token in
 * METRICS_TOKEN. Without that variable the endpoint does not exist (404), so a deployment never
 * publishes its figures by accident.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: HTTP rate and latency by route, open approvals, overdue reviews, mail backlog, process figures' })
  @ApiHeader({ name: 'Authorization', required: true, description: 'Bearer <METRICS_TOKEN>' })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({ description: 'No or a wrong METRICS_TOKEN' })
  @ApiNotFoundResponse({ description: 'Metrics are not enabled (METRICS_TOKEN is not set)' })
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!this.config.metricsToken) throw new ApiError(404, 'metrics are not enabled on this server (set METRICS_TOKEN)');
    if (!metricsScrapeAllowed(authorization, this.config.metricsToken)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new ApiError(401, 'missing or wrong metrics token (Authorization: Bearer <METRICS_TOKEN>)');
    }
    const body = await this.registry.metrics();
    void reply.header('cache-control', 'no-store').type(this.registry.contentType).send(body);
  }
}
