import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { MaterialChangesModule } from '../material-changes/material-changes.module';
import { WebhookSourcesModule } from '../webhook-sources/webhook-sources.module';
import { MlflowDeliveriesService } from './mlflow-deliveries.service';
import { MlflowWebhookController } from './mlflow-webhook.controller';
import { ModelRegistryController } from './model-registry.controller';
import { ModelRegistryService } from './model-registry.service';

/** MLflow's model registry: the receiver of its webhooks and a system's registered model and registry events. */
@Module({
  imports: [AiSystemsModule, MaterialChangesModule, WebhookSourcesModule],
  controllers: [MlflowWebhookController, ModelRegistryController],
  providers: [MlflowDeliveriesService, ModelRegistryService],
})
export class ModelRegistryModule {}
