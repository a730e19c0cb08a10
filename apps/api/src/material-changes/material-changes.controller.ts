import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MaterialChangeView } from './material-change.view';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ProposeMaterialChangeDto, WithdrawMaterialChangeDto } from './material-change.dto';
import { MaterialChangesService } from './material-changes.service';

@ApiTags('ai-systems')
@ApiBearerAuth()
@Controller('ai-systems/:id/changes')
export class MaterialChangesController {
  constructor(private readonly changes: MaterialChangesService) {}

  @Post()
  @ApiOperation({ summary: 'Propose a material change: re-assessment and approval while the approved version keeps running' })
  @ApiCreatedResponse({ type: MaterialChangeView })
  propose(@Param('id', UuidParamPipe) id: string, @Body() dto: ProposeMaterialChangeDto, @CurrentUser() me: UserPrincipal) {
    return this.changes.propose(id, dto, me);
  }

  @Post(':changeId/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Call off a change that has not deployed: it is returned, and a running approval round is withdrawn (its tasks cancelled)',
  })
  @ApiOkResponse({ type: MaterialChangeView })
  withdraw(
    @Param('id', UuidParamPipe) id: string,
    @Param('changeId', UuidParamPipe) changeId: string,
    @Body() dto: WithdrawMaterialChangeDto,
    @CurrentUser() me: UserPrincipal,
  ) {
    return this.changes.withdraw(id, changeId, dto, me);
  }

  @Get()
  @ApiOperation({ summary: "The system's material changes, newest first, with their status" })
  @ApiOkResponse({ type: [MaterialChangeView] })
  list(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    return this.changes.list(id, me);
  }
}
