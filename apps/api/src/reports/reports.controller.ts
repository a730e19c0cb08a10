import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/auth.decorators';
import { badRequest } from '../common/api-error';
import { LifecycleStageReportService, lifecycleStageReportCsv } from './lifecycle-stage-report.service';
import { DataSource } from 'typeorm';
import { ManagementReviewAgendaView } from './management-review-agenda.view';
import { compileManagementReviewAgenda, lastManagementReviewAt } from '@aigov/persistence/management-system-summary';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly report: LifecycleStageReportService,
    private readonly dataSource: DataSource,
  ) {}

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
  @ApiOperation({ summary: 'AI systems per lifecycle stage and risk tier, as JSON or CSV' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async lifecycleStages(@Query('format') format: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw badRequest('format must be json or csv', 'format');
    const report = await this.report.build();
    if (format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lifecycle-stages-${report.generatedAt.slice(0, 10)}.csv"`)
        .send(lifecycleStageReportCsv(report));
      return;
    }
    void reply.send(report);
  }
}
