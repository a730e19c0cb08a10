import { Module } from '@nestjs/common';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

/** Outbound webhook subscriptions and their deliveries (the worker delivers: workflows/src/webhook-*.workflow.ts). */
@Module({ controllers: [WebhookSubscriptionsController], providers: [WebhookSubscriptionsService] })
export class WebhookSubscriptionsModule {}
