import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateManualEvidenceDto, ListManualEvidenceQuery, ReplaceManualEvidenceDto, WithdrawManualEvidenceDto } from './manual-evidence.dto';
import { ManualEvidenceService } from './manual-evidence.service';
import { ManualEvidencePage, ManualEvidenceView } from './manual-evidence.view';

/** The body limit of the two routes that carry a document: 10 MiB as base64 (4/3) plus the JSON around it. */
export const MANUAL_EVIDENCE_BODY_LIMIT = 14 * 1024 * 1024 + 64 * 1024;

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('manual-evidence')
export class ManualEvidenceController {
  constructor(private readonly evidence: ManualEvidenceService) {}

  @Post()
  @ApiOperation({
    summary: 'Keep a document (base64, at most 10 MiB, with its SHA-256) or an https link as evidence of catalog controls, with an owner and an expiry date',
    description:
      'A declared `sha256` that does not match the content is 400 `sha256`; content over 10 MiB is 400 `content`. Controls are checked against the catalog (400 `controls.<i>.ref`). No `aiSystemIds`: organisation-wide. Kept by the governance office, risk, security and privacy officers, admins, or the owner of every AI system it names.',
  })
  @ApiCreatedResponse({ type: ManualEvidenceView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  @ApiForbiddenResponse({ description: 'may not keep evidence for these systems' })
  create(@Body() dto: CreateManualEvidenceDto, @CurrentUser() me: UserPrincipal): Promise<ManualEvidenceView> {
    return this.evidence.create(dto, me);
  }

  @Get()
  @ApiOperation({ summary: 'Manual evidence, soonest expiry first, filtered by control (framework:ref), AI system and expiring before, and paged' })
  @ApiOkResponse({ type: ManualEvidencePage })
  list(@Query() q: ListManualEvidenceQuery, @CurrentUser() me: UserPrincipal): Promise<ManualEvidencePage> {
    return this.evidence.list(q, me);
  }

  @Get(':id')
  @ApiOkResponse({ type: ManualEvidenceView })
  @ApiNotFoundResponse({ description: 'no such item' })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ManualEvidenceView> {
    return this.evidence.get(id, me);
  }

  @Get(':id/content')
  @ApiOperation({ summary: 'Download the document of the current version, byte for byte, with its media type, file name and SHA-256 (header X-Content-SHA256)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the document', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'no such item, or it is a link' })
  async content(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.evidence.content(id, me);
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
    void reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-sha256', file.sha256)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the document or link with a new version and expiry date (audited; the previous version is kept)' })
  @ApiOkResponse({ type: ManualEvidenceView })
  @ApiBadRequestResponse({ description: 'a field that is wrong, named in `field`' })
  replace(@Param('id', UuidParamPipe) id: string, @Body() dto: ReplaceManualEvidenceDto, @CurrentUser() me: UserPrincipal): Promise<ManualEvidenceView> {
    return this.evidence.replace(id, dto, me);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the item: it no longer counts as evidence and is no longer reminded of (audited)' })
  @ApiOkResponse({ type: ManualEvidenceView })
  withdraw(@Param('id', UuidParamPipe) id: string, @Body() dto: WithdrawManualEvidenceDto, @CurrentUser() me: UserPrincipal): Promise<ManualEvidenceView> {
    return this.evidence.withdraw(id, dto, me);
  }
}
