import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InternalAuditView, ManagementReviewView, ScheduleTriggerView } from './governance-cycle.view';
import { CurrentUser } from '../auth/auth.decorators';
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
  @ApiOperation({
    summary: 'Management reviews (ISO/IEC 42001 9.3), newest first, with their compiled agendas',
    description: 'All of them for the governance office, auditors and admins (who read the management-system report); the ones you take part in for everyone else.',
  })
  @ApiOkResponse({ type: [ManagementReviewView] })
  listReviews(@CurrentUser() me: UserPrincipal) {
    return this.cycles.listReviews(me);
  }

  @Post('management-reviews')
  @ApiOperation({ summary: 'Convene a management review now (triggers its schedule)' })
  @ApiCreatedResponse({ type: ScheduleTriggerView })
  conveneReview(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('management_review', me);
  }

  @Get('management-reviews/:id')
  @ApiOkResponse({ type: ManagementReviewView })
  review(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    return this.cycles.review(id, me);
  }

  @Post('management-reviews/:id/minutes')
  @ApiOperation({ summary: 'Record minutes and decisions; each decision becomes a PDCA item' })
  @ApiCreatedResponse({ type: ManagementReviewView })
  minutes(@Param('id', UuidParamPipe) id: string, @Body() dto: ManagementReviewMinutesDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.recordMinutes(id, dto, me);
  }

  @Get('internal-audits')
  @ApiOperation({
    summary: 'Internal audits (ISO/IEC 42001 9.2), newest first',
    description: 'All of them for the governance office, auditors and admins; the ones you are an appointed auditor of for everyone else.',
  })
  @ApiOkResponse({ type: [InternalAuditView] })
  listAudits(@CurrentUser() me: UserPrincipal) {
    return this.cycles.listAudits(me);
  }

  @Post('internal-audits')
  @ApiOperation({ summary: 'Open an internal audit now (triggers its schedule)' })
  @ApiCreatedResponse({ type: ScheduleTriggerView })
  openAudit(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('internal_audit', me);
  }

  @Get('internal-audits/:id')
  @ApiOkResponse({ type: InternalAuditView })
  audit(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    return this.cycles.audit(id, me);
  }

  @Post('internal-audits/:id/report')
  @ApiOperation({ summary: 'Report the audit; each finding becomes a PDCA item' })
  @ApiCreatedResponse({ type: InternalAuditView })
  report(@Param('id', UuidParamPipe) id: string, @Body() dto: InternalAuditReportDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.completeAudit(id, dto, me);
  }
}
