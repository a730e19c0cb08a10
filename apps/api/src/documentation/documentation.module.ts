import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { MonitoringPlansModule } from '../monitoring-plans/monitoring-plans.module';
import { DocumentationController } from './documentation.controller';
import { DocumentationFactsService } from './documentation-facts.service';
import { DocumentationService } from './documentation.service';

/** Documentation on demand for high-risk systems: Annex IV technical documentation and the Art. 27 FRIA. */
@Module({
  imports: [AiSystemsModule, ApprovalsModule, EvidenceModule, MonitoringPlansModule],
  controllers: [DocumentationController],
  providers: [DocumentationFactsService, DocumentationService],
})
export class DocumentationModule {}
