import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { MetricCheckDto, MonitoringChecksDto, SaveMonitoringPlanDto } from './monitoring-plan.dto';
import { MonitoringGapView, MonitoringPlanStatusView, MonitoringPlanVersionsView, MonitoringPlanView, ReviewSheetView } from './monitoring-plan.view';
import { MonitoringPlansService } from './monitoring-plans.service';

@ApiTags('monitoring-plans')
@ApiBearerAuth()
@ApiExtraModels(MetricCheckDto, MonitoringChecksDto)
@Controller()
export class MonitoringPlansController {
  constructor(private readonly plans: MonitoringPlansService) {}

  @Get('ai-systems/:id/monitoring-plan')
  @ApiOperation({
    summary: 'The system’s post-market monitoring plan (EU AI Act Art. 72): its current version, or `missing` for a high-risk system without one',
  })
  @ApiOkResponse({ type: MonitoringPlanStatusView })
  status(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<MonitoringPlanStatusView> {
    return this.plans.status(id, me);
  }

  @Put('ai-systems/:id/monitoring-plan')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create or change the monitoring plan: the whole plan, saved as its next version (accountable owner or governance office)',
    description:
      'Each metric has a key (monitoring events name it in `metric`), what it measures, a numeric threshold with its direction and unit, a data source, the cadence it is checked at (ISO 8601 duration, at least PT1M) and what a breach leads to. Audited (stream `monitoring-plan:<id>`, with the SHA-256 of the content). Send `expectedVersion` (the version you edited) to get a 409 instead of overwriting someone else’s change.',
  })
  @ApiOkResponse({ type: MonitoringPlanView, description: 'the new version' })
  @ApiBadRequestResponse({ description: 'the field and the reason: a threshold that is not a number, a cadence that is not an ISO 8601 duration, a repeated key, an inactive responsible person' })
  @ApiForbiddenResponse({ description: 'not the accountable owner or the governance office' })
  @ApiNotFoundResponse({ description: 'no such system' })
  @ApiConflictResponse({ description: 'the system is retired or rejected, or the plan changed since `expectedVersion`' })
  save(@Param('id', UuidParamPipe) id: string, @Body() dto: SaveMonitoringPlanDto, @CurrentUser() me: UserPrincipal): Promise<MonitoringPlanView> {
    return this.plans.save(id, dto, me);
  }

  @Get('ai-systems/:id/monitoring-plan/versions')
  @ApiOperation({ summary: 'Every version of the monitoring plan, newest first' })
  @ApiOkResponse({ type: MonitoringPlanVersionsView })
  versions(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<MonitoringPlanVersionsView> {
    return this.plans.versions(id, me);
  }

  @Get('ai-systems/:id/monitoring-plan/review-sheet')
  @ApiOperation({
    summary: 'What a periodic review checks against: the plan’s metrics, the monitoring events recorded since the last review beside each, and the open follow-ups a breach can name',
  })
  @ApiOkResponse({ type: ReviewSheetView })
  reviewSheet(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ReviewSheetView> {
    return this.plans.reviewSheet(id, me);
  }

  @Get('monitoring-plans/gaps')
  @ApiOperation({ summary: 'High-risk systems that are still monitored but have no post-market monitoring plan' })
  @ApiOkResponse({ type: [MonitoringGapView] })
  gaps(@CurrentUser() me: UserPrincipal): Promise<MonitoringGapView[]> {
    return this.plans.gaps(me);
  }
}
