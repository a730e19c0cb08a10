import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { IssueGatewayTokenDto, RotateGatewayTokenDto } from './dto/gateway-token.dto';
import { GatewayTokenView, IssuedGatewayTokenView, RotatedGatewayTokenView } from './dto/gateway-token.view';
import { GatewayTokensService } from './gateway-tokens.service';

const WHO = 'Admins only (403 otherwise): a gateway token lets a runtime ask for decisions on every AI system.';

@ApiTags('gateway-tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: WHO })
@Allow('gateway_token.manage')
@Controller('gateway-tokens')
export class GatewayTokensController {
  constructor(private readonly tokens: GatewayTokensService) {}

  @Get()
  @ApiOperation({ summary: 'Gateway machine tokens, newest first: gateway, kind, status, created, expires, last used (never the secret)', description: WHO })
  @ApiOkResponse({ type: [GatewayTokenView] })
  list(@CurrentUser() me: UserPrincipal): Promise<GatewayTokenView[]> {
    return this.tokens.list(me);
  }

  @Post()
  @ApiOperation({
    summary: 'Issue a machine token for a named gateway; it may call POST /api/v1/authorize and nothing else. The secret is in this answer only',
    description: `${WHO} Expires after expiresInDays or at expiresAt (default API_TOKEN_DEFAULT_DAYS, at most API_TOKEN_MAX_DAYS), like personal tokens. Only its SHA-256 is stored.`,
  })
  @ApiCreatedResponse({ type: IssuedGatewayTokenView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  @ApiConflictResponse({ description: 'the most working gateway tokens allowed already exist' })
  issue(@Body() dto: IssueGatewayTokenDto, @CurrentUser() me: UserPrincipal): Promise<IssuedGatewayTokenView> {
    return this.tokens.issue(dto, me);
  }

  @Post(':id/rotate')
  @ApiOperation({
    summary: 'Rotate a gateway token: a new secret for the same gateway',
    description: `${WHO} The old token keeps working until API_TOKEN_ROTATION_OVERLAP_HOURS have passed or it is revoked, whichever is first, so the gateway switches without a gap.`,
  })
  @ApiCreatedResponse({ type: RotatedGatewayTokenView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  @ApiConflictResponse({ description: 'the token is revoked, expired or already rotated' })
  @ApiNotFoundResponse({ description: 'no such token' })
  rotate(@Param('id', UuidParamPipe) id: string, @Body() dto: RotateGatewayTokenDto, @CurrentUser() me: UserPrincipal): Promise<RotatedGatewayTokenView> {
    return this.tokens.rotate(id, dto, me);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a gateway token: refused (401) from its next request on', description: WHO })
  @ApiOkResponse({ type: GatewayTokenView })
  @ApiNotFoundResponse({ description: 'no such token' })
  revoke(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<GatewayTokenView> {
    return this.tokens.revoke(id, me);
  }
}
