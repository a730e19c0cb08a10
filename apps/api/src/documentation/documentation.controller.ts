import { Body, Controller, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DOCUMENTATION_STATEMENT_KEYS } from '@aigov/domain/documentation/documentation-statements';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DocumentFormatQuery, SaveStatementDto } from './documentation.dto';
import { DocumentationService } from './documentation.service';
import { ComplianceDocumentView, DocumentationStatementView, DocumentationSummaryView } from './documentation.view';

@ApiTags('documentation')
@ApiBearerAuth()
@Controller('ai-systems/:id/documentation')
export class DocumentationController {
  constructor(private readonly documentation: DocumentationService) {}

  @Get()
  @ApiOperation({
    summary: 'How complete the system’s Annex IV technical documentation and fundamental rights impact assessment are, and the statements that complete them',
    description: 'Every section with what is still missing and who can supply it. Not audited: nothing is downloaded. For the governance office, auditors, admins and the accountable owner.',
  })
  @ApiOkResponse({ type: DocumentationSummaryView })
  @ApiForbiddenResponse({ description: 'not the governance office, an auditor, an admin or the accountable owner' })
  @ApiNotFoundResponse({ description: 'no such system' })
  summary(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<DocumentationSummaryView> {
    return this.documentation.summary(id, me);
  }

  @Get(':document')
  @ApiOperation({
    summary: 'Download the Annex IV technical documentation (`annex-iv`) or the Art. 27 fundamental rights impact assessment (`fria`) of a high-risk system, as JSON or PDF',
    description:
      'Compiled from the engine’s records at the time of the request: registration, assessment, tier and reasons, risks, approvals with who and when, deployments with model and dataset checksums, the monitoring plan, monitoring events, reviews, incidents, material changes, controls and evidence, and the documentation statements. Each section is complete or lists what is missing and who can supply it. The download is audited (stream `ai-system-documentation:<id>`, event `documentation.exported`: who, which document and format, the SHA-256 of the bytes and of the content); the bytes’ SHA-256 is also in the `X-Document-SHA256` header.',
  })
  @ApiParam({ name: 'document', enum: ['annex-iv', 'fria'] })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: ComplianceDocumentView, description: 'the JSON document (format=json) or the PDF (format=pdf), as an attachment' })
  @ApiBadRequestResponse({ description: 'unknown format (field `format`)' })
  @ApiForbiddenResponse({ description: 'not the governance office, an auditor, an admin or the accountable owner' })
  @ApiNotFoundResponse({ description: 'no such system or document' })
  @ApiConflictResponse({ description: 'the system is not high-risk (field `riskTier`)' })
  async export(
    @Param('id', UuidParamPipe) id: string,
    @Param('document') document: string,
    @Query() q: DocumentFormatQuery,
    @CurrentUser() me: UserPrincipal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.documentation.export(id, document, q.format, me);
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-document-sha256', file.sha256)
      .header('cache-control', 'no-store')
      .send(file.body);
  }

  @Put('statements/:key')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Write one documentation statement (what the documents need and the engine cannot derive): its next version',
    description: 'For the accountable owner and the governance office. Audited with the SHA-256 of the text and of the version it replaces.',
  })
  @ApiParam({ name: 'key', enum: DOCUMENTATION_STATEMENT_KEYS })
  @ApiOkResponse({ type: DocumentationStatementView })
  @ApiBadRequestResponse({ description: 'an empty or too long text (field `text`)' })
  @ApiForbiddenResponse({ description: 'not the accountable owner or the governance office' })
  @ApiNotFoundResponse({ description: 'no such system or statement key' })
  @ApiConflictResponse({ description: 'the system is retired, or the statement changed since `expectedVersion`' })
  saveStatement(
    @Param('id', UuidParamPipe) id: string,
    @Param('key') key: string,
    @Body() dto: SaveStatementDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<DocumentationStatementView> {
    return this.documentation.saveStatement(id, key, dto, me);
  }
}
