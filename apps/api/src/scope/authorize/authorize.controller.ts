import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Allow, AllowGateway, CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { AuthorizeRequestDto } from './authorize.dto';
import { AuthorizeView } from './authorize.view';
import { AuthorizeService } from './authorize.service';

@ApiTags('authorize')
@ApiBearerAuth()
@Controller('authorize')
export class AuthorizeController {
  constructor(private readonly authorizer: AuthorizeService) {}

  @Post()
  @HttpCode(200)
  @AllowGateway()
  @Allow('scope.test')
  @ApiOperation({
    summary: 'May this AI system do this now? allow or deny, with a machine-readable reason and a sentence',
    description:
      'For AI gateways and agent runtimes (a gateway token, `aigw_...`) and the governance office testing a scope. Denied when the system is ' +
      'unknown (ungoverned: answered as a deny, not a 404, so a gateway fails closed on one answer shape), not in operation (never deployed, rolled back, ' +
      'suspended, retired), when the version or model the caller runs is not the approved one in operation, when no scope was approved, when the ' +
      'autonomy asked is beyond the approved one, or when a target is outside the approved scope (named in `target`). Read from the database on every ' +
      'request: a rollback or suspension is a deny from the next request on. Denials are audited (the first per gateway, system and reason in a ' +
      'minute at once, the rest as one count per minute) and counted in aigov_authorize_decisions_total, as allows are.',
  })
  @ApiOkResponse({ type: AuthorizeView, description: 'the decision: allow or deny (a deny is a 200 too: the question was answered)' })
  @ApiBadRequestResponse({ description: 'a malformed request, the field named; nothing is written' })
  @ApiUnauthorizedResponse({ description: 'no token, or an unknown, expired or revoked one; nothing is written' })
  @ApiForbiddenResponse({ description: 'a person other than the governance office; nothing is written' })
  authorize(@Body() dto: AuthorizeRequestDto, @CurrentPrincipal() principal: Principal): Promise<AuthorizeView> {
    return this.authorizer.authorize(dto, principal);
  }
}
