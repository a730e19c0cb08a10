import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { InventoryFilterOptionsView } from './dto/inventory-filter-options.view';
import { ExportAiSystemsQuery } from './dto/list-ai-systems.query';
import { InventoryService } from './inventory.service';
import { XLSX_MEDIA_TYPE } from './import/import-file.reader';

@ApiTags('ai-systems')
@ApiBearerAuth()
@Controller('ai-systems')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Get('export.csv')
  @ApiOperation({
    summary: 'The AI system inventory as CSV, with the same filters and sort as the list, every matching system (no paging)',
    description:
      'Streamed; one row per system with its stage, tier, business unit, accountable owner, purpose, model, vendor, versions and dates (ISO 8601, UTC). Text a spreadsheet would take for a formula starts with a quote. Oversight roles export every system, others the ones they own or registered.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file, with Content-Disposition naming the day' })
  exportCsv(@Query() q: ExportAiSystemsQuery, @CurrentUser() me: UserPrincipal, @Res() reply: FastifyReply): void {
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ai-systems-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(this.inventory.exportCsv(q, me));
  }

  @Get('export.xlsx')
  @ApiOperation({
    summary: 'The AI system inventory as an XLSX workbook, with the same filters and sort as the list; it imports back unchanged',
    description:
      'Streamed. Sheet "AI systems": one row per system in the columns an import reads (External ID, the registration fields, the accountable owner’s email; lists one item per line), ' +
      'then what the engine keeps (System ID, stage, risk tier, owner name, versions, dates in UTC), which an import ignores; sheet "Columns" describes each column. ' +
      'Oversight roles export every system, others the ones they own or registered.',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ description: 'the workbook, with Content-Disposition naming the day' })
  exportXlsx(@Query() q: ExportAiSystemsQuery, @CurrentUser() me: UserPrincipal, @Res() reply: FastifyReply): void {
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="ai-systems-${day}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(this.inventory.exportXlsx(q, me));
  }

  @Get('filter-options')
  @ApiOperation({ summary: 'The accountable owners and business units the inventory can be filtered by, from the systems the caller may see' })
  @ApiOkResponse({ type: InventoryFilterOptionsView })
  filterOptions(@CurrentUser() me: UserPrincipal): Promise<InventoryFilterOptionsView> {
    return this.inventory.filterOptions(me);
  }
}
