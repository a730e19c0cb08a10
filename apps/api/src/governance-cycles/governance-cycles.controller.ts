import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InternalAuditView, ManagementReviewView, ScheduleTriggerView } from './governance-cycle.view';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { InternalAuditReportDto, ManagementReviewMinutesDto } from './governance-cycle.dto';
import { GovernanceCyclesService } from './governance-cycles.service';

@ApiTags('management-system')
@ApiBearerAuth()
@Controller()
export class GovernanceCyclesController {
  constructor(private readonly cycles: GovernanceCyclesService) {}

  @Get('management-reviews')
  @Allow('management_review.read')
  @ApiOperation({
    summary: 'Management reviews (ISO/IEC 42001 9.3), newest first, with their compiled agendas',
    description: 'For those who read the management-system report (governance office, auditors, admins): the agenda is that report.',
  })
  @ApiOkResponse({ type: [ManagementReviewView] })
  listReviews() {
    return this.cycles.listReviews();
  }

  @Post('management-reviews')
  @ApiOperation({ summary: 'Convene a management review now (triggers its schedule)' })
  @ApiCreatedResponse({ type: ScheduleTriggerView })
  conveneReview(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('management_review', me);
  }

  @Get('management-reviews/:id')
  @Allow('management_review.read')
  @ApiOkResponse({ type: ManagementReviewView })
  review(@Param('id', UuidParamPipe) id: string) {
    return this.cycles.review(id);
  }

  @Post('management-reviews/:id/minutes')
  @ApiOperation({ summary: 'Record minutes and decisions; each decision becomes a PDCA item' })
  @ApiCreatedResponse({ type: ManagementReviewView })
  minutes(@Param('id', UuidParamPipe) id: string, @Body() dto: ManagementReviewMinutesDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.recordMinutes(id, dto, me);
  }

  @Get('internal-audits')
  @Allow('internal_audit.read')
  @ApiOperation({
    summary: 'Internal audits (ISO/IEC 42001 9.2), newest first',
    description: 'For those who read the management-system report (governance office, auditors, admins): an audit’s scope is the whole management system.',
  })
  @ApiOkResponse({ type: [InternalAuditView] })
  listAudits() {
    return this.cycles.listAudits();
  }

  @Post('internal-audits')
  @ApiOperation({ summary: 'Open an internal audit now (triggers its schedule)' })
  @ApiCreatedResponse({ type: ScheduleTriggerView })
  openAudit(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('internal_audit', me);
  }

  @Get('internal-audits/:id')
  @Allow('internal_audit.read')
  @ApiOkResponse({ type: InternalAuditView })
  audit(@Param('id', UuidParamPipe) id: string) {
    return this.cycles.audit(id);
  }

  @Post('internal-audits/:id/report')
  @ApiOperation({ summary: 'Report the audit; each finding becomes a PDCA item' })
  @ApiCreatedResponse({ type: InternalAuditView })
  report(@Param('id', UuidParamPipe) id: string, @Body() dto: InternalAuditReportDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.completeAudit(id, dto, me);
  }
}
