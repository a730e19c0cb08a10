import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { ControlApplicabilityProvider } from './control-applicability.provider';
import { ControlHealthReportController } from './control-health-report.controller';
import { EvidenceController } from './evidence.controller';
import { EvidenceQueries } from './evidence-queries.service';
import { EvidenceService } from './evidence.service';

/** Evidence for every control and control health (issue 13). */
@Module({
  imports: [AiSystemsModule],
  controllers: [EvidenceController, ControlHealthReportController],
  providers: [EvidenceQueries, EvidenceService, ControlApplicabilityProvider],
  exports: [EvidenceQueries, EvidenceService, ControlApplicabilityProvider],
})
export class EvidenceModule {}
