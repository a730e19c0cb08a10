import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateRiskDto, ListRisksQuery, UpdateRiskDto } from './risk.dto';
import { RequestRiskAcceptanceDto } from './risk-acceptance.dto';
import { RiskAcceptanceService } from './risk-acceptance.service';
import { RiskAcceptanceRoundListView, RiskAcceptanceRoundView } from './risk-acceptance.view';
import { RiskMatrixReportView, RiskPage, RiskView } from './risk.view';
import { RisksService } from './risks.service';

@ApiTags('risks')
@ApiBearerAuth()
@Controller('risks')
export class RisksController {
  constructor(
    private readonly risks: RisksService,
    private readonly acceptances: RiskAcceptanceService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a risk (information security, AI or both), optionally rated on the policy’s matrix' })
  @ApiCreatedResponse({ type: RiskView })
  create(@Body() dto: CreateRiskDto, @CurrentUser() me: UserPrincipal) {
    return this.risks.create(dto, me);
  }

  @Get()
  @ApiOperation({ summary: 'The risk register, filtered (system, source, status, current rating, text) and paged' })
  @ApiOkResponse({ type: RiskPage })
  list(@Query() q: ListRisksQuery, @CurrentUser() me: UserPrincipal) {
    return this.risks.list(q, me);
  }

  @Get(':id')
  @ApiOkResponse({ type: RiskView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    return this.risks.get(id, me);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rate, treat, link controls and PDCA items, change owner or next review, or close a risk',
    description:
      "`treatment: accept` accepts the residual risk: never by whoever rated it (403), and above the appetite only through an approval round (409; ask with POST /risks/{id}/acceptance). While that round runs, a new rating, treatment or closing is refused (409).",
  })
  @ApiOkResponse({ type: RiskView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateRiskDto, @CurrentUser() me: UserPrincipal) {
    return this.risks.update(id, dto, me);
  }

  @Post(':id/acceptance')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask to accept a risk above the appetite: its approval round (policy section `riskAcceptance`) starts',
    description:
      'For an open risk whose residual rating is above the appetite (within it, a plain PATCH with `treatment: accept` accepts it: 409 here). Sets the treatment to `accept` and the acceptance to `in_approval`, and starts the riskAcceptance workflow (risk-acceptance:<id>:<round>). Whoever rated the risk and whoever asks are not asked and may not approve (403). Approved: the risk is accepted; rejected, changes requested or expired: acceptance `needs_approval` again, with the reason. 409 while a round runs.',
  })
  @ApiAcceptedResponse({ type: RiskAcceptanceRoundView })
  requestAcceptance(@Param('id', UuidParamPipe) id: string, @Body() dto: RequestRiskAcceptanceDto, @CurrentUser() me: UserPrincipal): Promise<RiskAcceptanceRoundView> {
    return this.acceptances.request(id, dto, me);
  }

  @Get(':id/acceptance')
  @ApiOperation({ summary: 'The risk’s acceptance rounds, newest first: who asked, the justification, the rating put to the approvers, each outcome and its reason' })
  @ApiOkResponse({ type: RiskAcceptanceRoundListView })
  acceptanceRounds(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<RiskAcceptanceRoundListView> {
    return this.acceptances.rounds(id, me);
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class RiskMatrixReportController {
  constructor(private readonly risks: RisksService) {}

  @Get('risk-matrix')
  @Allow('risk.report')
  @ApiOperation({ summary: 'The risk heat map: every matrix cell with its band and the open risks in it, inherent and residual, and the appetite' })
  @ApiOkResponse({ type: RiskMatrixReportView })
  riskMatrix() {
    return this.risks.matrixReport();
  }
}
