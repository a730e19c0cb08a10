import { Module } from '@nestjs/common';
import { LifecycleStageReportService } from './lifecycle-stage-report.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [LifecycleStageReportService] })
export class ReportsModule {}
