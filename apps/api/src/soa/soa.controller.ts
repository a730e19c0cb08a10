import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SOA_FRAMEWORKS } from '@aigov/domain/soa';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ListSoaQuery, UpdateSoaEntryDto } from './soa.dto';
import { SoaDiffView, SoaDraftView, SoaEntryView, SoaPublicationView, SoaVersionListView, SoaVersionView } from './soa.view';
import { SoaService } from './soa.service';

/** The Statement of Applicability: read by everyone signed in, edited and submitted by the governance office. */
@ApiTags('soa')
@ApiBearerAuth()
@Controller('soa')
export class SoaController {
  constructor(private readonly soa: SoaService) {}

  @Get()
  @ApiOperation({ summary: 'The draft of the Statement of Applicability: every control of both Annexes with its entry, filtered and paged' })
  @ApiOkResponse({ type: SoaDraftView })
  draft(@Query() q: ListSoaQuery, @CurrentUser() me: UserPrincipal): Promise<SoaDraftView> {
    return this.soa.draft(q, me);
  }

  @Put('entries/:framework/:ref')
  @ApiOperation({
    summary: 'Decide one control in the draft (starts the next version’s draft from the current one)',
    description: 'Applicable or excluded, with a justification either way, the implementation status, an active owner, the risks it treats and where its evidence is. Refused with 409 while the draft is in its publication round.',
  })
  @ApiParam({ name: 'framework', enum: SOA_FRAMEWORKS })
  @ApiParam({ name: 'ref', example: 'A.6.2.6', description: 'the control’s ref (case-insensitive)' })
  @ApiOkResponse({ type: SoaEntryView })
  updateEntry(@Param('framework') framework: string, @Param('ref') ref: string, @Body() dto: UpdateSoaEntryDto, @CurrentUser() me: UserPrincipal): Promise<SoaEntryView> {
    return this.soa.updateEntry(framework, ref, dto, me);
  }

  @Post('publication')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit the draft for publication: its approval round (policy section `soa`) starts',
    description: 'Every control must be decided. Whoever edited the draft is not asked and may not approve. Approved: the version is frozen, hashed, audited and current; otherwise the draft is editable again.',
  })
  @ApiAcceptedResponse({ type: SoaPublicationView })
  publish(@CurrentUser() me: UserPrincipal): Promise<SoaPublicationView> {
    return this.soa.publish(me);
  }

  @Get('versions')
  @ApiOperation({ summary: 'Every version of the Statement of Applicability, newest first' })
  @ApiOkResponse({ type: SoaVersionListView })
  versions(@CurrentUser() me: UserPrincipal): Promise<SoaVersionListView> {
    return this.soa.versions(me);
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One version with its entries (and, once published, its frozen document and SHA-256)' })
  @ApiParam({ name: 'version', example: '1' })
  @ApiOkResponse({ type: SoaVersionView })
  version(@Param('version') version: string, @CurrentUser() me: UserPrincipal): Promise<SoaVersionView> {
    return this.soa.version(version, me);
  }

  @Get('versions/:a/diff/:b')
  @ApiOperation({ summary: 'What changed from version a to version b: entries added, removed, and changed field by field' })
  @ApiParam({ name: 'a', example: '1' })
  @ApiParam({ name: 'b', example: '2' })
  @ApiOkResponse({ type: SoaDiffView })
  diff(@Param('a') a: string, @Param('b') b: string, @CurrentUser() me: UserPrincipal): Promise<SoaDiffView> {
    return this.soa.diff(a, b, me);
  }
}
