import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateRiskDto, ListRisksQuery, UpdateRiskDto } from './risk.dto';
import { RiskMatrixReportView, RiskPage, RiskView } from './risk.view';
import { RisksService } from './risks.service';

@ApiTags('risks')
@ApiBearerAuth()
@Controller('risks')
export class RisksController {
  constructor(private readonly risks: RisksService) {}

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
    description: "`treatment: accept` accepts the residual risk: never by whoever rated it (403), and above the appetite only through an approval round (409)",
  })
  @ApiOkResponse({ type: RiskView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateRiskDto, @CurrentUser() me: UserPrincipal) {
    return this.risks.update(id, dto, me);
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
