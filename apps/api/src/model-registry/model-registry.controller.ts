import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ApiPageResponse, PageQueryDto } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { MaterialChangeView } from '../material-changes/material-change.view';
import { CompleteModelVersionProposalDto, DismissModelVersionProposalDto, SetRegisteredModelDto } from './model-registry.dto';
import { ModelRegistryService } from './model-registry.service';
import { ModelRegistryEventView, RegisteredModelView } from './model-registry.view';

/** A system's registered model (MLflow), the registry events about it, and the proposals they open. */
@ApiTags('model-registry')
@ApiBearerAuth()
@Controller('ai-systems/:id')
export class ModelRegistryController {
  constructor(private readonly registry: ModelRegistryService) {}

  @Put('registered-model')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Name the MLflow registered model this system runs, or null for none (its owner or the governance office)',
    description: "A name belongs to one live system at a time (409 on registeredModelName); a retired system frees it. MLflow's deliveries about the model then act on this system.",
  })
  @ApiOkResponse({ type: RegisteredModelView })
  setRegisteredModel(@Param('id', UuidParamPipe) id: string, @Body() dto: SetRegisteredModelDto, @CurrentUser() me: UserPrincipal): Promise<RegisteredModelView> {
    return this.registry.setRegisteredModel(id, dto, me);
  }

  @Get('model-registry/events')
  @ApiOperation({ summary: 'The model registry events about this system, newest first, with what each led to' })
  @ApiPageResponse(ModelRegistryEventView)
  events(@Param('id', UuidParamPipe) id: string, @Query() q: PageQueryDto, @CurrentUser() me: UserPrincipal) {
    return this.registry.events(id, q.page, q.pageSize, me);
  }

  @Post('model-registry/events/:eventId/material-change')
  @ApiOperation({
    summary: "Complete a new version's proposal: propose it as a material change (kind model) with the registry's facts and the checksum given",
    description: 'Goes through the same path as POST /ai-systems/{id}/changes (the same permission and the lifecycle\'s checks: in operation, no other change open, a new version label).',
  })
  @ApiCreatedResponse({ type: MaterialChangeView })
  complete(
    @Param('id', UuidParamPipe) id: string,
    @Param('eventId', UuidParamPipe) eventId: string,
    @Body() dto: CompleteModelVersionProposalDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<MaterialChangeView> {
    return this.registry.complete(id, eventId, dto, me);
  }

  @Post('model-registry/events/:eventId/dismissal')
  @HttpCode(200)
  @ApiOperation({ summary: "Dismiss a new version's proposal with a reason (the version is not meant for this system's use)" })
  @ApiOkResponse({ type: ModelRegistryEventView })
  dismiss(
    @Param('id', UuidParamPipe) id: string,
    @Param('eventId', UuidParamPipe) eventId: string,
    @Body() dto: DismissModelVersionProposalDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<ModelRegistryEventView> {
    return this.registry.dismiss(id, eventId, dto, me);
  }
}
