import { Module } from '@nestjs/common';
import { RisksModule } from '../risks/risks.module';
import { DashboardService } from './dashboard.service';
import { LifecycleStageReportService } from './lifecycle-stage-report.service';
import { ReportsController } from './reports.controller';

@Module({ imports: [RisksModule], controllers: [ReportsController], providers: [LifecycleStageReportService, DashboardService] })
export class ReportsModule {}
