import { Module } from '@nestjs/common';
import { RiskMatrixReportController, RisksController } from './risks.controller';
import { RiskDraftsService } from './risk-drafts.service';
import { RiskAcceptanceService } from './risk-acceptance.service';
import { RisksService } from './risks.service';

@Module({ controllers: [RisksController, RiskMatrixReportController], providers: [RisksService, RiskDraftsService, RiskAcceptanceService], exports: [RisksService, RiskDraftsService] })
export class RisksModule {}
