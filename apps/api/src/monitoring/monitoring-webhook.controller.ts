import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { MonitoringResultView } from '../ai-systems/dto/ai-system.view';
import { RecordMonitoringEventDto } from '../ai-systems/dto/lifecycle-actions.dto';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';

export class WebhookMonitoringEventDto extends RecordMonitoringEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId: string;
}

/** Constant-time comparison of digests, so response timing reveals nothing about the secret. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Monitoring tools post drift, bias, performance and incident events here, authenticated by
 * the shared secret in MONITORING_WEBHOOK_SECRET (header X-Monitoring-Secret). The event goes
 * through the same workflow Update as one recorded by a person, with no person as its actor.
 */
@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringWebhookController {
  constructor(
    private readonly systems: AiSystemsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('webhook')
  @Public()
  @HttpCode(201)
  @ApiHeader({ name: 'X-Monitoring-Secret', required: true, description: 'the shared secret (MONITORING_WEBHOOK_SECRET)' })
  @ApiOperation({ summary: "A monitoring tool reports an event; the tier's thresholds decide the response" })
  @ApiCreatedResponse({ type: MonitoringResultView })
  receive(@Headers('x-monitoring-secret') secret: string | undefined, @Body() dto: WebhookMonitoringEventDto): Promise<MonitoringResultView> {
    const expected = this.config.monitoringWebhookSecret;
    // Disabled unless configured: a 404, so probing reveals nothing and no default secret exists.
    if (!expected) throw new ApiError(404, 'the monitoring webhook is not enabled on this server (set MONITORING_WEBHOOK_SECRET)', 'X-Monitoring-Secret');
    if (!secret || !sameSecret(secret, expected)) throw new ApiError(401, 'missing or wrong monitoring webhook secret', 'X-Monitoring-Secret');
    const { aiSystemId, ...event } = dto;
    return this.systems.recordMonitoringEvent(aiSystemId, event as RecordMonitoringEventDto, null);
  }
}
