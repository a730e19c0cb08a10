import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ApiPageResponse } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AiSystemsService } from './ai-systems.service';
import { AiSystemDetailView, AiSystemView, MonitoringResultView } from './dto/ai-system.view';
import {
  CompleteChecklistItemDto,
  RecordDeploymentDto,
  RecordMonitoringEventDto,
  RollbackDto,
  StartRetirementDto,
} from './dto/lifecycle-actions.dto';
import { ListAiSystemsQuery } from './dto/list-ai-systems.query';
import { RegisterAiSystemDto } from './dto/register-ai-system.dto';

@ApiTags('ai-systems')
@ApiBearerAuth()
@Controller('ai-systems')
export class AiSystemsController {
  constructor(private readonly systems: AiSystemsService) {}

  @Post()
  @Allow('ai_system.register')
  @ApiOperation({ summary: 'Register an AI use case; starts its lifecycle in design' })
  @ApiCreatedResponse({ type: AiSystemView })
  register(@Body() dto: RegisterAiSystemDto, @CurrentUser() me: UserPrincipal): Promise<AiSystemView> {
    return this.systems.register(dto, me);
  }

  @Get()
  @ApiOperation({ summary: 'The AI system inventory, filtered and paged: everything for oversight roles, else the systems the caller owns or registered' })
  @ApiPageResponse(AiSystemView)
  list(@Query() q: ListAiSystemsQuery, @CurrentUser() me: UserPrincipal) {
    return this.systems.list(q, me);
  }

  @Get(':id')
  @ApiOkResponse({ type: AiSystemDetailView })
  detail(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<AiSystemDetailView> {
    return this.systems.detail(id, me);
  }

  @Post(':id/submit')
  @ApiOperation({ summary: 'Send the design to impact assessment' })
  @ApiCreatedResponse({ type: AiSystemView })
  submit(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<AiSystemView> {
    return this.systems.submitForAssessment(id, me);
  }

  @Post(':id/deployments')
  @ApiOperation({ summary: 'Record a deployment of an approved version' })
  @ApiCreatedResponse({ type: AiSystemView })
  deploy(@Param('id', UuidParamPipe) id: string, @Body() dto: RecordDeploymentDto, @CurrentUser() me: UserPrincipal): Promise<AiSystemView> {
    return this.systems.recordDeployment(id, dto, me);
  }

  @Post(':id/monitoring-events')
  @ApiOperation({ summary: 'Record drift, bias, performance or incident evidence; critical starts a review' })
  @ApiCreatedResponse({ type: MonitoringResultView })
  monitor(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RecordMonitoringEventDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<MonitoringResultView> {
    return this.systems.recordMonitoringEvent(id, dto, me);
  }

  @Post(':id/rollback')
  @ApiOperation({ summary: 'Take the running version out of service' })
  @ApiCreatedResponse({ type: AiSystemView })
  rollback(@Param('id', UuidParamPipe) id: string, @Body() dto: RollbackDto, @CurrentUser() me: UserPrincipal): Promise<AiSystemView> {
    return this.systems.rollback(id, dto, me);
  }

  @Post(':id/retirement')
  @ApiOperation({ summary: 'Start decommissioning; the system retires when the checklist is complete' })
  @ApiCreatedResponse({ type: AiSystemView })
  retire(@Param('id', UuidParamPipe) id: string, @Body() dto: StartRetirementDto, @CurrentUser() me: UserPrincipal): Promise<AiSystemView> {
    return this.systems.startRetirement(id, dto, me);
  }

  @Post(':id/retirement/checklist/:item')
  @ApiOperation({ summary: 'Tick one decommission checklist item' })
  @ApiCreatedResponse({ type: AiSystemView })
  checklistItem(
    @Param('id', UuidParamPipe) id: string,
    @Param('item') item: string,
    @Body() dto: CompleteChecklistItemDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<AiSystemView> {
    return this.systems.completeChecklistItem(id, item, dto, me);
  }
}
