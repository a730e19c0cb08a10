import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/auth.decorators';
import { ControlHealthQuery } from './evidence.dto';
import { controlHealthCsv, EvidenceService } from './evidence.service';
import { ControlHealthReportView } from './evidence.view';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ControlHealthReportController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('control-health')
  @Allow('report.read')
  @ApiOperation({
    summary: 'Control health per control, organisation-wide or for one AI system (?aiSystemId=), as JSON or CSV (?format=csv)',
    description:
      'effective: fresh evidence within the expected cadence and nothing open against it; attention: evidence stale, a review overdue, an open nonconformity or corrective action, or a failed item in the last review; no_evidence; not_applicable (excluded by the published SoA).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ControlHealthReportView })
  @ApiNotFoundResponse({ description: 'no such AI system' })
  async controlHealth(@Query() q: ControlHealthQuery, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.evidence.controlHealthReport(q.aiSystemId);
    if (q.format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="control-health-${report.generatedAt.slice(0, 10)}.csv"`)
        .send(controlHealthCsv(report));
      return;
    }
    void reply.send(report);
  }
}
