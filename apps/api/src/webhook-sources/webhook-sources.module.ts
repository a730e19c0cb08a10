import { Module } from '@nestjs/common';
import { WebhookSourcesController } from './webhook-sources.controller';
import { WebhookSourcesService } from './webhook-sources.service';

@Module({ controllers: [WebhookSourcesController], providers: [WebhookSourcesService], exports: [WebhookSourcesService] })
export class WebhookSourcesModule {}
