import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { MonitoringResultView } from '../ai-systems/dto/ai-system.view';
import { RecordMonitoringEventDto } from '../ai-systems/dto/lifecycle-actions.dto';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { rawBodyOf } from './raw-body';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookMonitoringEventDto } from './webhook-monitoring-event.dto';

export { WebhookMonitoringEventDto } from './webhook-monitoring-event.dto';

/** Constant-time comparison of digests, so response timing reveals nothing about the secret. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Monitoring tools post drift, bias, performance and incident events here. Each tool is a
 * webhook source (admins create it under /webhook-sources) and signs every delivery with its own
 * secret in the Standard Webhooks scheme. The event goes through the same workflow Update as one
 * recorded by a person, with no person as its actor.
 */
@ApiTags('monitoring')
@Public()
@RateLimit({ name: 'webhook', by: 'ip' })
@Controller('monitoring')
export class MonitoringWebhookController {
  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    private readonly systems: AiSystemsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('webhooks/:sourceId')
  @HttpCode(201)
  @ApiParam({ name: 'sourceId', description: 'the webhook source (its deliveryPath names it)' })
  @ApiHeader({ name: 'webhook-id', required: true, description: 'unique per delivery (at most 255 characters); a retry of the same delivery carries the same id, and an id seen before is refused (409)' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'seconds since the epoch; refused when more than 5 minutes from our clock' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: "v1,<base64 HMAC-SHA256 of '<webhook-id>.<webhook-timestamp>.<body>' under the source's secret>; several, space-separated, are allowed" })
  @ApiBody({ type: WebhookMonitoringEventDto })
  @ApiOperation({
    summary: "A webhook source reports a monitoring event, signed in the Standard Webhooks scheme; the tier's thresholds decide the response",
    description:
      'Refusals write nothing: 401 unknown or disabled source, missing or wrong signature, timestamp outside ±5 minutes; 400 invalid body; ' +
      '403 a system the source may not act on; 409 a webhook-id delivered before (a replayed rollback does not roll back twice); 429 too many requests.',
  })
  @ApiCreatedResponse({ type: MonitoringResultView })
  receive(@Param('sourceId') sourceId: string, @Req() request: FastifyRequest): Promise<MonitoringResultView> {
    const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = request.headers;
    return this.deliveries.receive(sourceId, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, rawBodyOf(request), request.body);
  }

  @Post('webhook')
  @HttpCode(201)
  @ApiHeader({ name: 'X-Monitoring-Secret', required: true, description: 'deprecated: the shared secret (MONITORING_WEBHOOK_SECRET), honoured only with MONITORING_WEBHOOK_LEGACY=true' })
  @ApiOperation({
    deprecated: true,
    summary: 'Deprecated: a monitoring event authenticated by one shared header secret, acting on any system',
    description: 'Off unless MONITORING_WEBHOOK_LEGACY=true (401 otherwise). No signature over the body, no replay protection, no per-source systems: use /monitoring/webhooks/{sourceId}.',
  })
  @ApiCreatedResponse({ type: MonitoringResultView })
  receiveLegacy(@Headers('x-monitoring-secret') secret: string | undefined, @Body() dto: WebhookMonitoringEventDto): Promise<MonitoringResultView> {
    const expected = this.config.monitoringWebhookSecret;
    if (!expected) {
      throw new ApiError(401, 'the shared-secret monitoring webhook is off on this server: create a webhook source and post signed deliveries to /api/v1/monitoring/webhooks/{sourceId}', 'X-Monitoring-Secret');
    }
    if (!secret || !sameSecret(secret, expected)) throw new ApiError(401, 'missing or wrong monitoring webhook secret', 'X-Monitoring-Secret');
    const { aiSystemId, ...event } = dto;
    return this.systems.recordMonitoringEvent(aiSystemId, event as RecordMonitoringEventDto, null);
  }
}
