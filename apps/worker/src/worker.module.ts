import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@aigov/config/app-config';
import { ConfigModule } from '@aigov/config/config.module';
import { MailerService } from '@aigov/notifications/mailer.service';
import { PersistenceModule } from '@aigov/persistence/persistence.module';
import { ApprovalTaskActivities } from './activities/approval-task.activities';
import { GovernanceActivitiesRegistry } from './activities/governance-activities.registry';
import { AuditCheckpointActivities } from './activities/audit-checkpoint.activities';
import { LifecycleProjectionActivities } from './activities/lifecycle-projection.activities';
import { TaskPromptActivities } from './activities/task-prompt.activities';
import { NotificationActivities } from './activities/notification.activities';
import { PdcaActivities } from './activities/pdca.activities';
import { GovernanceCycleActivities } from './activities/governance-cycle.activities';
import { RiskReviewActivities } from './activities/risk-review.activities';
import { ManualEvidenceExpiryActivities } from './activities/manual-evidence-expiry.activities';
import { SoaPublicationActivities } from './activities/soa-publication.activities';
import { ControlHealthSnapshotActivities } from './activities/control-health-snapshot.activities';
import { RiskAcceptanceActivities } from './activities/risk-acceptance.activities';
import { HourlyRetention } from './activities/hourly-retention';
import { WebhookDeliveryActivities } from './activities/webhook-delivery.activities';
import { QuestionnairePublicationActivities } from './activities/questionnaire-publication.activities';
import { SeriousIncidentActivities } from './activities/serious-incident.activities';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerHttpServer } from './observability/worker-http.server';
import { WorkerMetrics } from './observability/worker-metrics';

@Module({})
export class WorkerModule {
  /** `sdkMetricsUrl`: the Temporal runtime's loopback Prometheus exporter, appended to /metrics (observability/temporal-runtime.ts) */
  static forRoot(config: AppConfig, opts: { sdkMetricsUrl?: string } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule],
      providers: [
        MailerService,
        LifecycleProjectionActivities,
        ApprovalTaskActivities,
        TaskPromptActivities,
        NotificationActivities,
        PdcaActivities,
        GovernanceCycleActivities,
        RiskReviewActivities,
        ManualEvidenceExpiryActivities,
        SoaPublicationActivities,
        ControlHealthSnapshotActivities,
        RiskAcceptanceActivities,
        HourlyRetention,
        WebhookDeliveryActivities,
        AuditCheckpointActivities,
        QuestionnairePublicationActivities,
        SeriousIncidentActivities,
        GovernanceActivitiesRegistry,
        TemporalWorkerService,
        { provide: WorkerMetrics, useFactory: () => new WorkerMetrics(opts.sdkMetricsUrl) },
        WorkerHttpServer,
      ],
    };
  }
}
