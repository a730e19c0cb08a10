import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ApiPageResponse } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { buildSeriousIncidentReportPdf } from './serious-incident-report-pdf.util';
import {
  DeclareSeriousIncidentDto,
  ListSeriousIncidentsQuery,
  ReclassifySeriousIncidentDto,
  SeriousIncidentReportQuery,
  SubmitSeriousIncidentReportDto,
} from './serious-incident.dto';
import { SeriousIncidentDetailView, SeriousIncidentView } from './serious-incident.view';
import { SeriousIncidentsService } from './serious-incidents.service';

/**
 * Serious incidents under EU AI Act Art. 73: mark an incident serious (the reporting clock
 * starts), reclassify it, download the report drafted from the engine's data, and record its
 * submission to the market surveillance authority (the clock stops).
 */
@ApiTags('serious-incidents')
@ApiBearerAuth()
@Controller('serious-incidents')
export class SeriousIncidentsController {
  constructor(private readonly incidents: SeriousIncidentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Mark an incident a serious incident (EU AI Act Art. 73): its reporting clock starts from the moment of awareness',
    description:
      'By the accountable owner or the governance office. Refusals write nothing: 400 bad body (an unknown category, an awareness time in the future), ' +
      '403 not the owner or the governance office, 404 no such monitoring event, 409 already marked serious, 422 the event is not an incident.',
  })
  @ApiCreatedResponse({ type: SeriousIncidentDetailView })
  @ApiForbiddenResponse({ description: 'only the accountable owner or the governance office (field `monitoringEventId`)' })
  @ApiNotFoundResponse({ description: 'no such monitoring event (field `monitoringEventId`)' })
  @ApiConflictResponse({ description: 'the event is already marked serious (field `monitoringEventId`)' })
  @ApiUnprocessableEntityResponse({ description: "the event is neither of kind 'incident' nor one that opened an incident review (field `monitoringEventId`)" })
  declare(@Body() dto: DeclareSeriousIncidentDto, @CurrentUser() me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    return this.incidents.declare(dto, me);
  }

  @Get()
  @ApiOperation({ summary: 'Serious incidents, open ones first by deadline: every one for oversight and approving roles, else those of the systems one owns or registered' })
  @ApiPageResponse(SeriousIncidentView)
  list(@Query() q: ListSeriousIncidentsQuery, @CurrentUser() me: UserPrincipal) {
    return this.incidents.list(q, me);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One serious incident: classification, the clock (deadline, time left, reminders, escalation), its history and what the caller may do' })
  @ApiOkResponse({ type: SeriousIncidentDetailView })
  detail(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    return this.incidents.detail(id, me);
  }

  @Post(':id/classification')
  @ApiOperation({
    summary: 'Reclassify: a stricter category shortens the deadline (owner or governance office); a milder one lengthens it (governance office only, with a reason, never after a missed deadline)',
    description: 'Counted from the same awareness time; the clock re-arms its reminders. 400 unknown category or no reason, 403 role, 409 same category, submitted, or deadline already missed.',
  })
  @ApiCreatedResponse({ type: SeriousIncidentDetailView })
  reclassify(@Param('id', UuidParamPipe) id: string, @Body() dto: ReclassifySeriousIncidentDto, @CurrentUser() me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    return this.incidents.reclassify(id, dto, me);
  }

  @Post(':id/submission')
  @ApiOperation({
    summary: 'Record the submission of the report to the market surveillance authority: who, when, the authority and its reference; the clock stops',
    description: 'Freezes the report with its SHA-256. After the deadline it is accepted and recorded as late. 400 a time before awareness or in the future, 403 role, 409 already submitted.',
  })
  @ApiCreatedResponse({ type: SeriousIncidentDetailView })
  submit(@Param('id', UuidParamPipe) id: string, @Body() dto: SubmitSeriousIncidentReportDto, @CurrentUser() me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    return this.incidents.submit(id, dto, me);
  }

  @Get(':id/report')
  @ApiOperation({
    summary: 'The report, drafted from the engine’s data (system, version, events, actions taken, timeline), as JSON or PDF; once submitted, the report as submitted',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({
    description: 'JSON (kind serious_incident_report, `draft` true until submitted); with format=pdf the file, with Content-Disposition',
    schema: { type: 'object', additionalProperties: true },
  })
  async report(@Param('id', UuidParamPipe) id: string, @Query() q: SeriousIncidentReportQuery, @CurrentUser() me: UserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const { report, sha256 } = await this.incidents.report(id, me);
    const name = `serious-incident-${id.slice(0, 8)}${report.draft ? '-draft' : ''}`;
    if (q.format === 'pdf') {
      const pdf = await buildSeriousIncidentReportPdf(report, sha256);
      void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
      return;
    }
    void reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `inline; filename="${name}.json"`).send(JSON.stringify(report));
  }
}
