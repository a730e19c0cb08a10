import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { VersionRegistryService } from './version-registry.service';
import { VersionRegistryView } from './version-registry.view';

@ApiTags('versions')
@ApiBearerAuth()
@Controller('ai-systems')
export class VersionsController {
  constructor(private readonly registry: VersionRegistryService) {}

  @Get(':id/versions')
  @ApiOperation({ summary: 'Version registry: every version run, with its approval round, model and data checksums, and deployments' })
  @ApiOkResponse({ type: VersionRegistryView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<VersionRegistryView> {
    return this.registry.registry(id, me);
  }
}
