import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { MonitoringWebhookController } from './monitoring-webhook.controller';

@Module({ imports: [AiSystemsModule], controllers: [MonitoringWebhookController] })
export class MonitoringModule {}
