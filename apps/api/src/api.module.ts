import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '@aigov/config/app-config';
import type { Clock } from '@aigov/config/clock';
import { ConfigModule } from '@aigov/config/config.module';
import { PersistenceModule } from '@aigov/persistence/persistence.module';
import { ActionLinksModule } from './actions/action-links.module';
import { AiSystemsModule } from './ai-systems/ai-systems.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { VersionsModule } from './versions/versions.module';
import { PdcaModule } from './pdca/pdca.module';
import { MaterialChangesModule } from './material-changes/material-changes.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { GovernanceCyclesModule } from './governance-cycles/governance-cycles.module';
import { AuditModule } from './audit/audit.module';
import { ControlsModule } from './controls/controls.module';
import { EvidenceModule } from './evidence/evidence.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthModule } from './auth/auth.module';
import { SessionsModule } from './sessions/sessions.module';
import { SsoModule } from './sso/sso.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ImpactAssessmentsModule } from './impact-assessments/impact-assessments.module';
import { ReportsModule } from './reports/reports.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';
import { RisksModule } from './risks/risks.module';
import { SoaModule } from './soa/soa.module';
import { ManualEvidenceModule } from './manual-evidence/manual-evidence.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { WebhookSourcesModule } from './webhook-sources/webhook-sources.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module';
import { WebhookSubscriptionsModule } from './webhook-subscriptions/webhook-subscriptions.module';
import { QuestionnaireModule } from './questionnaire/questionnaire.module';
import { GatewayTokensModule } from './gateway-tokens/gateway-tokens.module';
import { ScopeModule } from './scope/scope.module';
import { ModelRegistryModule } from './model-registry/model-registry.module';
import { MonitoringPlansModule } from './monitoring-plans/monitoring-plans.module';
import { DocumentationModule } from './documentation/documentation.module';
import { SeriousIncidentsModule } from './serious-incidents/serious-incidents.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        PersistenceModule,
        TemporalModule,
        SessionsModule,
        ApiTokensModule,
        AuthModule,
        SsoModule,
        UsersModule,
        AiSystemsModule,
        ImpactAssessmentsModule,
        TasksModule,
        ApprovalsModule,
        VersionsModule,
        MaterialChangesModule,
        RateLimitModule,
        WebhookSourcesModule,
        MonitoringModule,
        PdcaModule,
        GovernanceCyclesModule,
        ActionLinksModule,
        AuditModule,
        ControlsModule,
        EvidenceModule,
        ReportsModule,
        RisksModule,
        SoaModule,
        ManualEvidenceModule,
        TemporalCodecModule,
        WebhookSubscriptionsModule,
        QuestionnaireModule,
        GatewayTokensModule,
        ScopeModule,
        ModelRegistryModule,
        MonitoringPlansModule,
        DocumentationModule,
        SeriousIncidentsModule,
        HealthModule,
        MetricsModule,
      ],
      // Authentication (bearer token or session cookie) is on by default; routes opt out with @Public().
      providers: [{ provide: APP_GUARD, useClass: AuthenticationGuard }],
    };
  }
}
