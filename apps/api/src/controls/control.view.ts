import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ControlCatalogIndex, ControlMapping } from '@aigov/domain/catalog/control-catalog.index';
import {
  AI_ACT_ROLES,
  CATALOG_FRAMEWORKS,
  CatalogControl,
  CLAUSE_STANDARDS,
  ControlCatalog,
  LINK_BASES,
} from '@aigov/domain/catalog/control-catalog.types';

export class ControlView {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty({ description: "the standard's identifier: A.6.2.6 (42001), A.5.2 (27001), 9.3 (clauses), art-72 (EU AI Act)", example: 'A.6.2.6' })
  ref: string;
  @ApiProperty({ description: "the product's short title" }) title: string;
  @ApiProperty({ description: "the product's one-sentence summary (not the standard's text)" }) summary: string;
  @ApiProperty({ description: 'objective group (42001), theme (27001), top-level clause, or chapter (EU AI Act)', example: 'A.6' }) group: string;
  @ApiProperty() groupTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'clauses: the enclosing clause; null for clauses 4-10' }) parent?: string | null;
  @ApiPropertyOptional({ enum: CLAUSE_STANDARDS, isArray: true, description: 'clauses: the standards that have it (42001-only items name iso42001 alone)' })
  appliesTo?: string[];
  @ApiPropertyOptional({ enum: AI_ACT_ROLES, isArray: true, description: 'EU AI Act: who the article binds' }) binds?: string[];
  @ApiPropertyOptional({ description: 'EU AI Act: which providers or deployers exactly' }) bindsNote?: string;
  @ApiPropertyOptional({ description: 'ISO/IEC 27001: new in the 2022 edition' }) newIn2022?: boolean;
}

export class ControlMappingView {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty({
    enum: LINK_BASES,
    description: 'source-stated: a consulted source states it; title-evident: follows from the official titles; own-reasoning: our proposal, to confirm before audit use',
  })
  basis: string;
  @ApiProperty({ type: [String], description: 'the lifecycle stages or PDCA activities whose evidence both controls share' }) stages: string[];
}

export class ControlDetailView extends ControlView {
  @ApiProperty({ description: 'edition of the standard or regulation', example: '2023' }) catalogVersion: string;
  @ApiProperty({ description: "our revision of the catalog file" }) catalogRevision: number;
  @ApiProperty({ description: 'our revision of the crosswalk' }) crosswalkRevision: number;
  @ApiProperty({
    type: [ControlMappingView],
    description:
      'crosswalk links: for a 42001 control, the 27001 controls, clauses and AI Act articles it shares evidence with; for any other control, the 42001 controls that link to it',
  })
  mappings: ControlMappingView[];
}

export class ControlPage {
  @ApiProperty({ type: [ControlView] }) items: ControlView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class CatalogGroupView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() controlCount: number;
}

export class CatalogSummaryView {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2023' }) version: string;
  @ApiProperty() revision: number;
  @ApiProperty() controlCount: number;
  @ApiProperty({ type: [CatalogGroupView] }) groups: CatalogGroupView[];
}

export class CatalogListView {
  @ApiProperty({ type: [CatalogSummaryView] }) catalogs: CatalogSummaryView[];
  @ApiProperty({ description: 'our revision of the crosswalk' }) crosswalkRevision: number;
}

export function toControlView(control: CatalogControl, index: ControlCatalogIndex): ControlView {
  const { framework, ref, title, summary, group, parent, appliesTo, binds, bindsNote, newIn2022 } = control;
  return {
    framework,
    ref,
    title,
    summary,
    group,
    groupTitle: index.groupTitle(control),
    ...(parent !== undefined ? { parent } : {}),
    ...(appliesTo ? { appliesTo } : {}),
    ...(binds ? { binds } : {}),
    ...(bindsNote ? { bindsNote } : {}),
    ...(newIn2022 !== undefined ? { newIn2022 } : {}),
  };
}

export const toControlMappingView = (m: ControlMapping): ControlMappingView => ({ framework: m.framework, ref: m.ref, title: m.title, basis: m.basis, stages: m.stages });

export function toCatalogSummaryView(catalog: ControlCatalog): CatalogSummaryView {
  return {
    framework: catalog.framework,
    title: catalog.title,
    version: catalog.version,
    revision: catalog.revision,
    controlCount: catalog.controls.length,
    groups: catalog.groups.map((g) => ({ id: g.id, title: g.title, controlCount: catalog.controls.filter((c) => c.group === g.id).length })),
  };
}
