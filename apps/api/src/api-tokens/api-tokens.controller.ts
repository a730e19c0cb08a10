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
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiTokensService } from './api-tokens.service';
import { CreateApiTokenDto, RotateApiTokenDto } from './dto/create-api-token.dto';
import { ApiTokenView, IssuedApiTokenView, RotatedApiTokenView } from './dto/api-token.view';

const WHO = 'A person manages their own tokens; an admin manages anyone’s (403 otherwise).';

@ApiTags('api-tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: WHO })
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get('users/:id/tokens')
  @ApiOperation({ summary: 'A person’s API tokens, newest first: name, status, created, expires, last used (never the secret)', description: WHO })
  @ApiOkResponse({ type: [ApiTokenView] })
  @ApiNotFoundResponse({ description: 'no such person' })
  list(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ApiTokenView[]> {
    return this.tokens.list(id, me);
  }

  @Post('users/:id/tokens')
  @ApiOperation({
    summary: 'Issue a personal API token; the secret is in this answer only',
    description: `${WHO} The token expires after expiresInDays or at expiresAt (default API_TOKEN_DEFAULT_DAYS, at most API_TOKEN_MAX_DAYS). Only its SHA-256 is stored.`,
  })
  @ApiCreatedResponse({ type: IssuedApiTokenView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  @ApiConflictResponse({ description: 'the person is deactivated, or holds the most working tokens allowed' })
  issue(@Param('id', UuidParamPipe) id: string, @Body() dto: CreateApiTokenDto, @CurrentUser() me: UserPrincipal): Promise<IssuedApiTokenView> {
    return this.tokens.issue(id, dto.name, dto, me);
  }

  @Post('tokens/:id/rotate')
  @ApiOperation({
    summary: 'Rotate a token: a new secret for the same person and name',
    description: `${WHO} The old token keeps working until API_TOKEN_ROTATION_OVERLAP_HOURS (24) have passed or it is revoked, whichever is first, so a client switches without a gap; then revoke it.`,
  })
  @ApiCreatedResponse({ type: RotatedApiTokenView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  @ApiConflictResponse({ description: 'the token is revoked, expired or already rotated' })
  rotate(@Param('id', UuidParamPipe) id: string, @Body() dto: RotateApiTokenDto, @CurrentUser() me: UserPrincipal): Promise<RotatedApiTokenView> {
    return this.tokens.rotate(id, dto, me);
  }

  @Delete('tokens/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token: refused (401) from the next request on', description: WHO })
  @ApiOkResponse({ type: ApiTokenView })
  @ApiNotFoundResponse({ description: 'no such token' })
  revoke(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ApiTokenView> {
    return this.tokens.revoke(id, me);
  }
}
