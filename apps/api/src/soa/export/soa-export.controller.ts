import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../auth/auth.decorators';
import type { UserPrincipal } from '../../auth/principal';
import { SoaExportQuery } from './soa-export.dto';
import { SoaExportService } from './soa-export.service';

@ApiTags('soa')
@ApiBearerAuth()
@Controller('soa')
export class SoaExportController {
  constructor(private readonly exports: SoaExportService) {}

  @Get('versions/:version/export')
  @ApiOperation({
    summary: 'Export a published version of the Statement of Applicability (or the current draft, `draft`) as CSV, XLSX, PDF or an OSCAL 1.0.4 system security plan (JSON)',
    description:
      'Every control with its framework, ref, title, applicability, justification, implementation status, owner, risks and evidence, plus the version, approval date, approvers and the SHA-256 of the frozen document. A draft is marked DRAFT and has no hash. OSCAL: each control is an implemented-requirement of the plan’s control-implementation, with stable (UUIDv5) identifiers and the publication time as last-modified, so a version always exports the same document.',
  })
  @ApiParam({ name: 'version', example: '1', description: "a published version's number, or 'draft'" })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'application/json')
  @ApiOkResponse({ description: 'the file, with Content-Disposition naming the version' })
  @ApiBadRequestResponse({ description: 'unknown format (field `format`) or a malformed version (field `version`)' })
  @ApiForbiddenResponse({ description: 'may not read the Statement of Applicability' })
  @ApiNotFoundResponse({ description: 'no such published version, or no draft' })
  async export(@Param('version') version: string, @Query() q: SoaExportQuery, @CurrentUser() me: UserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.export(version, q.format, me);
    void reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  }
}
