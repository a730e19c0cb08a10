import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { ControlApplicabilityProvider } from './control-applicability.provider';
import { ControlHealthHistoryController } from './control-health-history.controller';
import { ControlHealthHistoryService } from './control-health-history.service';
import { ControlHealthReportController } from './control-health-report.controller';
import { EvidenceController } from './evidence.controller';
import { ControlHealthStore } from '@aigov/persistence/evidence/control-health-store';
import { EvidenceQueries } from '@aigov/persistence/evidence/evidence-queries.service';
import { EvidenceService } from './evidence.service';

/** Evidence for every control and control health (issue 13). */
@Module({
  imports: [AiSystemsModule],
  controllers: [EvidenceController, ControlHealthReportController, ControlHealthHistoryController],
  providers: [EvidenceQueries, ControlHealthStore, EvidenceService, ControlApplicabilityProvider, ControlHealthHistoryService],
  exports: [EvidenceQueries, EvidenceService, ControlApplicabilityProvider],
})
export class EvidenceModule {}
