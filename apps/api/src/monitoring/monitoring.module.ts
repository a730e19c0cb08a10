import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { WebhookSourcesModule } from '../webhook-sources/webhook-sources.module';
import { MonitoringWebhookController } from './monitoring-webhook.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@Module({ imports: [AiSystemsModule, WebhookSourcesModule], controllers: [MonitoringWebhookController], providers: [WebhookDeliveriesService] })
export class MonitoringModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const logger = new Logger('MonitoringWebhook');
    if (this.config.monitoringWebhookSecret) {
      logger.warn(
        'MONITORING_WEBHOOK_LEGACY=true: POST /api/v1/monitoring/webhook accepts the shared X-Monitoring-Secret header (deprecated: no signature over the body, ' +
          'no replay protection, any system). Create webhook sources and turn the legacy setting off.',
      );
    }
  }
}
