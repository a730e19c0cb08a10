import { applyDecorators, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentUser } from '../../auth/auth.decorators';
import type { UserPrincipal } from '../../auth/principal';
import { ApiPageResponse, PageQueryDto } from '../../common/pagination';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { csvField } from '../../soa/export/soa-export-csv.util';
import { ImportFileQuery } from './dto/import-file.query';
import { ImportCommitView, ImportReportView, InventoryImportView } from './dto/import-report.view';
import { INVENTORY_COLUMNS } from './inventory-columns';
import { InventoryImportService } from './inventory-import.service';
import { SpreadsheetBody, UploadedSpreadsheet, UPLOAD_MEDIA_TYPES } from './spreadsheet-upload';

const FILE_BODY = {
  required: true,
  description:
    'The file itself as the request body (not multipart): CSV (RFC 4180, UTF-8 with or without a byte order mark; comma, or semicolon when the header has no comma) ' +
    'or an XLSX workbook (its sheet named "AI systems", else its first sheet). The first non-empty row is the header; one row per AI system. ' +
    'Limits: IMPORT_MAX_ROWS data rows (default 5,000) and IMPORT_MAX_BYTES (default 10 MiB).',
  schema: { type: 'string', format: 'binary' },
} as const;

const FILE_REFUSALS =
  ' A file that cannot be read is refused with `field` `file` (422: empty, not CSV or not a workbook, malformed CSV such as an unterminated quote, ' +
  'more rows than the limit; 413: larger than the limit) or `columns` (422: a missing required column, an unknown or repeated one), ' +
  'and an unsupported Content-Type with 415.';

const ERROR = { $ref: '#/components/schemas/ApiError' };

/** The refusals of a file as a whole, in the one error shape. */
const FileRefusals = () =>
  applyDecorators(
    ApiUnprocessableEntityResponse({
      description: 'The file cannot be imported as a whole (`file`, `columns`), a row has a problem (commit; the first problem’s column), or the Idempotency-Key was used for another file',
      schema: ERROR,
    }),
    ApiPayloadTooLargeResponse({ description: 'Larger than IMPORT_MAX_BYTES, or a workbook that unpacks to more than the import reads (`file`)', schema: ERROR }),
    ApiUnsupportedMediaTypeResponse({ description: 'Not a CSV or XLSX body', schema: ERROR }),
  );

@ApiTags('ai-systems')
@ApiBearerAuth()
@Controller('ai-systems/imports')
export class InventoryImportController {
  constructor(private readonly imports: InventoryImportService) {}

  @Post('dry-run')
  @HttpCode(200)
  @Allow('ai_system.import')
  @ApiOperation({
    summary: 'Check an inventory file (CSV or XLSX) without writing anything',
    description:
      'Reads every row, decides it against the inventory as it is (a new external id registers a system, a known one updates what differs, a matching row changes nothing) ' +
      'and answers every problem by row and column (`row 14, accountableOwner: no active user with this email`), with the counts.' +
      FILE_REFUSALS,
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: ImportReportView })
  @FileRefusals()
  dryRun(@SpreadsheetBody() file: UploadedSpreadsheet, @Query() q: ImportFileQuery): Promise<ImportReportView> {
    return this.imports.dryRun(file, q.fileName ?? null);
  }

  @Post()
  @Allow('ai_system.import')
  @ApiOperation({
    summary: 'Import an inventory file (CSV or XLSX): every row or none',
    description:
      'Decides the file again as the dry run does, inside one transaction: if any row has a problem nothing is written (422 naming the first problem and how many there are). ' +
      'Otherwise registers the new systems (each starts its lifecycle workflow in design, as a registration does), updates the changed fields of the others where their ' +
      'stage allows it, and records the import in the audit trail (who, the file’s SHA-256, the counts). Importing the same file again changes nothing (200, `import` null). ' +
      'A workflow that fails to start after the commit is started by POST /ai-systems/imports/{id}/workflow-starts, by importing the file again, or when the API next starts.' +
      FILE_REFUSALS,
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ type: ImportCommitView, description: 'imported' })
  @ApiOkResponse({ type: ImportCommitView, description: 'every row matched its system: nothing written' })
  @FileRefusals()
  async commit(
    @SpreadsheetBody() file: UploadedSpreadsheet,
    @Query() q: ImportFileQuery,
    @CurrentUser() me: UserPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportCommitView> {
    const { status, body } = await this.imports.commit(file, q.fileName ?? null, me);
    void reply.status(status);
    return body;
  }

  @Get()
  @Allow('ai_system.import_history')
  @ApiOperation({ summary: 'Committed inventory imports, newest first' })
  @ApiPageResponse(InventoryImportView)
  list(@Query() q: PageQueryDto) {
    return this.imports.list(q.page, q.pageSize);
  }

  @Get('template.csv')
  @Allow('ai_system.import')
  @ApiOperation({ summary: 'An empty import file: the header row with every column an import reads' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV header row' })
  template(@Res() reply: FastifyReply): void {
    const header = INVENTORY_COLUMNS.filter((c) => c.kind !== 'informational' && c.kind !== 'system_id').map((c) => csvField(c.header));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-systems-import-template.csv"')
      .send(`${header.join(',')}\r\n`);
  }

  @Get(':id')
  @Allow('ai_system.import_history')
  @ApiOkResponse({ type: InventoryImportView })
  get(@Param('id', UuidParamPipe) id: string): Promise<InventoryImportView> {
    return this.imports.get(id);
  }

  @Post(':id/workflow-starts')
  @HttpCode(200)
  @Allow('ai_system.import')
  @ApiOperation({
    summary: 'Start the lifecycle workflows an import left pending',
    description: 'Safe to repeat: a workflow already started is not started twice (its id is derived from the system id).',
  })
  @ApiOkResponse({ type: InventoryImportView })
  finishWorkflowStarts(@Param('id', UuidParamPipe) id: string): Promise<InventoryImportView> {
    return this.imports.finishWorkflowStarts(id);
  }
}
