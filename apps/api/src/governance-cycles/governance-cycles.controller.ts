import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Management reviews (ISO/IEC 42001 9.3), newest first, with their compiled agendas' })
  listReviews() {
    return this.cycles.listReviews();
  }

  @Post('management-reviews')
  @ApiOperation({ summary: 'Convene a management review now (triggers its schedule)' })
  conveneReview(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('management_review', me);
  }

  @Get('management-reviews/:id')
  review(@Param('id', UuidParamPipe) id: string) {
    return this.cycles.review(id);
  }

  @Post('management-reviews/:id/minutes')
  @ApiOperation({ summary: 'Record minutes and decisions; each decision becomes a PDCA item' })
  minutes(@Param('id', UuidParamPipe) id: string, @Body() dto: ManagementReviewMinutesDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.recordMinutes(id, dto, me);
  }

  @Get('internal-audits')
  @ApiOperation({ summary: 'Internal audits (ISO/IEC 42001 9.2), newest first' })
  listAudits() {
    return this.cycles.listAudits();
  }

  @Post('internal-audits')
  @ApiOperation({ summary: 'Open an internal audit now (triggers its schedule)' })
  openAudit(@CurrentUser() me: UserPrincipal) {
    return this.cycles.convene('internal_audit', me);
  }

  @Get('internal-audits/:id')
  audit(@Param('id', UuidParamPipe) id: string) {
    return this.cycles.audit(id);
  }

  @Post('internal-audits/:id/report')
  @ApiOperation({ summary: 'Report the audit; each finding becomes a PDCA item' })
  report(@Param('id', UuidParamPipe) id: string, @Body() dto: InternalAuditReportDto, @CurrentUser() me: UserPrincipal) {
    return this.cycles.completeAudit(id, dto, me);
  }
}
