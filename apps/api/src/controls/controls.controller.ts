import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { ListControlsQuery } from './control.dto';
import { CatalogListView, ControlDetailView, ControlPage } from './control.view';
import { ControlsService } from './controls.service';

/** The control catalogs and crosswalk: readable by every authenticated user (auditors included). */
@ApiTags('controls')
@ApiBearerAuth()
@Controller('controls')
export class ControlsController {
  constructor(private readonly controls: ControlsService) {}

  @Get()
  @ApiOperation({ summary: 'Controls of the catalogs (ISO/IEC 42001, ISO/IEC 27001, clauses 4-10, EU AI Act), filtered by framework and text, paged' })
  @ApiOkResponse({ type: ControlPage })
  list(@Query() q: ListControlsQuery): ControlPage {
    return this.controls.list(q);
  }

  @Get('catalogs')
  @ApiOperation({ summary: 'The catalogs loaded: edition, our revision, groups and control counts' })
  @ApiOkResponse({ type: CatalogListView })
  catalogs(): CatalogListView {
    return this.controls.catalogs();
  }

  @Get(':framework/:ref')
  @ApiOperation({ summary: 'One control, identified by framework and ref, with its crosswalk links in both directions' })
  @ApiParam({ name: 'framework', enum: CATALOG_FRAMEWORKS })
  @ApiParam({ name: 'ref', description: 'A.6.2.6, A.5.2, 9.3.2 or art-72 (dots allowed; case-insensitive)', example: 'A.6.2.6' })
  @ApiOkResponse({ type: ControlDetailView })
  detail(@Param('framework') framework: string, @Param('ref') ref: string): ControlDetailView {
    return this.controls.detail(framework, ref);
  }
}
