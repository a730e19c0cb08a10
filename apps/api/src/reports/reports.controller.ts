import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { DEFAULT_ORGANISATION, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { Allow } from '../auth/auth.decorators';
import { badRequest } from '../common/api-error';
import { LifecycleStageReportService, lifecycleStageReportCsv } from './lifecycle-stage-report.service';
import { buildLifecycleStageReportPdf } from './lifecycle-stage-report-pdf.util';
import { DataSource } from 'typeorm';
import { DashboardService } from './dashboard.service';
import { DashboardView } from './dashboard.view';
import { LifecycleStageReportView } from './lifecycle-stage-report.view';
import { ManagementReviewAgendaView } from './management-review-agenda.view';
import { compileManagementReviewAgenda, lastManagementReviewAt } from '@aigov/persistence/management-system-summary';

const STAGE_REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly report: LifecycleStageReportService,
    private readonly dashboard: DashboardService,
    private readonly dataSource: DataSource,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  @Get('dashboard')
  @Allow('report.read')
  @ApiOperation({
    summary: "The governance office's dashboard",
    description:
      'Systems by stage and tier, time in stage, overdue reviews and tasks, approval lead time per month, monitoring events and rollbacks per week, open and overdue PDCA items by age, control health (newest daily snapshot) and the risk heat map, in one answer',
  })
  @ApiOkResponse({ type: DashboardView })
  dashboardFigures(): Promise<DashboardView> {
    return this.dashboard.build();
  }

  @Get('management-system')
  @Allow('report.read')
  @ApiOperation({
    summary: 'The management system now, as the next management review would see it',
    description:
      'Actions from previous reviews, inventory and risk profile with changes since the last review, open and overdue PDCA items, review and monitoring results, audits, material changes',
  })
  @ApiOkResponse({ type: ManagementReviewAgendaView })
  async managementSystem(): Promise<ManagementReviewAgendaView> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => compileManagementReviewAgenda(m, new Date(), await lastManagementReviewAt(m)));
  }

  @Get('lifecycle-stages')
  @Allow('report.read')
  @ApiOperation({ summary: 'AI systems per lifecycle stage and risk tier, as JSON, CSV or PDF' })
  @ApiQuery({ name: 'format', required: false, enum: STAGE_REPORT_FORMATS })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: LifecycleStageReportView, description: 'JSON; with format=csv or format=pdf the file, with Content-Disposition naming the day' })
  async lifecycleStages(@Query('format') format: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (format !== undefined && !(STAGE_REPORT_FORMATS as readonly string[]).includes(format)) throw badRequest(`format must be one of ${STAGE_REPORT_FORMATS.join(', ')}`, 'format');
    const report = await this.report.build();
    const file = `lifecycle-stages-${report.generatedAt.slice(0, 10)}`;
    if (format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}.csv"`)
        .send(lifecycleStageReportCsv(report));
      return;
    }
    if (format === 'pdf') {
      const pdf = await buildLifecycleStageReportPdf(report, this.policy.organisation ?? DEFAULT_ORGANISATION);
      void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file}.pdf"`).send(pdf);
      return;
    }
    void reply.send(report);
  }
}
