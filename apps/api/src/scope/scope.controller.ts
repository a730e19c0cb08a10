import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ScopeDto } from './dto/scope.dto';
import { AiSystemScopeView } from './dto/scope.view';
import { ScopeService } from './scope.service';

@ApiTags('scope')
@ApiBearerAuth()
@Controller('ai-systems/:id/scope')
export class ScopeController {
  constructor(private readonly scopes: ScopeService) {}

  @Get()
  @ApiOperation({ summary: 'The approved scope in force (what authorize enforces), the pending proposal with its diff, and the approved versions' })
  @ApiOkResponse({ type: AiSystemScopeView })
  @ApiForbiddenResponse({ description: 'the caller may not see this AI system' })
  @ApiNotFoundResponse({ description: 'no such AI system' })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<AiSystemScopeView> {
    return this.scopes.view(id, me);
  }

  @Put('proposal')
  @ApiOperation({
    summary: 'Propose the scope: in design or impact assessment, or with an open material change of kind scope before its approval round',
    description: 'The approval freezes the proposal as the approved scope (versioned, hashed, audited). The approved scope itself cannot be edited.',
  })
  @ApiOkResponse({ type: AiSystemScopeView })
  @ApiBadRequestResponse({ description: 'a list or the autonomy is malformed, named in `field`' })
  @ApiForbiddenResponse({ description: 'only the accountable owner or the governance office' })
  @ApiConflictResponse({ description: 'the lifecycle does not take a proposal now (the reason says what would)' })
  @ApiNotFoundResponse({ description: 'no such AI system' })
  propose(@Param('id', UuidParamPipe) id: string, @Body() dto: ScopeDto, @CurrentUser() me: UserPrincipal): Promise<AiSystemScopeView> {
    return this.scopes.propose(id, dto, me);
  }
}
