import { ApiProperty } from '@nestjs/swagger';

export class ImportProblemView {
  @ApiProperty({ description: 'the row as a spreadsheet numbers it (the header row is row 1 when it is the first)', example: 14 })
  row: number;

  @ApiProperty({ type: String, nullable: true, description: 'the column (its key, e.g. accountableOwner; a letter for a cell under no header); null for the row as a whole', example: 'accountableOwner' })
  column: string | null;

  @ApiProperty({
    description:
      'stable reason code: required, invalid, too_long, too_many_items, not_storable, unreadable_cell, unnamed_column, duplicate_external_id, unknown_owner, id_mismatch, unknown_system, under_assessment, needs_material_change, owner_held_by_lifecycle, record_closed',
    example: 'unknown_owner',
  })
  code: string;

  @ApiProperty({ example: 'no active user with this email' })
  message: string;
}

export class ImportRowView {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'invalid'] }) action: 'create' | 'update' | 'unchanged' | 'invalid';
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the system the row names; null for a new one' }) systemId: string | null;
  @ApiProperty({ type: [String], description: 'columns whose value differs from the system’s' }) changedColumns: string[];
}

export class ImportSummaryView {
  @ApiProperty({ description: 'data rows in the file' }) rows: number;
  @ApiProperty({ description: 'rows that register a new system' }) create: number;
  @ApiProperty({ description: 'rows that change a system' }) update: number;
  @ApiProperty({ description: 'rows that match their system' }) unchanged: number;
  @ApiProperty({ description: 'rows with at least one problem' }) invalid: number;
  @ApiProperty({ description: 'problems found (all of them, up to the listing limit)' }) problems: number;
}

/** What a dry run finds, and what a commit reports it did. */
export class ImportReportView {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ type: String, nullable: true, description: 'the worksheet read (XLSX)' }) sheetName: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ description: 'SHA-256 of the file as sent, hex' }) fileSha256: string;
  @ApiProperty({ description: 'true when the file can be committed as it is: no problem in any row' }) valid: boolean;
  @ApiProperty({ type: ImportSummaryView }) summary: ImportSummaryView;
  @ApiProperty({ type: [ImportProblemView], description: 'every problem, by row and column, in reading order' }) problems: ImportProblemView[];
  @ApiProperty({ description: 'problems left out of the list past its limit (10,000); the summary counts them all' }) problemsOmitted: number;
  @ApiProperty({ type: [ImportRowView], description: 'every row that creates, updates or has a problem (unchanged rows are only counted)' }) rows: ImportRowView[];
  @ApiProperty({ type: [String], description: 'columns of the export that an import recognises and ignores' }) ignoredColumns: string[];
}

export class ImportWorkflowStartsView {
  @ApiProperty({ description: 'systems this import registered, each needing its lifecycle workflow' }) toStart: number;
  @ApiProperty() started: number;
  @ApiProperty({ description: 'not started yet: still being started while `running`, else POST .../workflow-starts (or importing the file again) finishes them' }) pending: number;
  @ApiProperty({
    description: 'an API process is starting workflows now (a large import goes on after its answer, which comes within about 10 s); read the import again for progress',
  })
  running: boolean;
}

/** A committed import, as the list and the detail show it. */
export class InventoryImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['completed', 'starting_workflows'], description: 'starting_workflows: committed, some lifecycle workflows not started yet' }) status: 'completed' | 'starting_workflows';
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty() fileSha256: string;
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ format: 'uuid' }) importedById: string;
  @ApiProperty() importedBy: string;
  @ApiProperty() committedAt: string;
  @ApiProperty({ type: String, nullable: true }) workflowsStartedAt: string | null;
  @ApiProperty({ type: ImportWorkflowStartsView }) workflows: ImportWorkflowStartsView;
}

/** A commit's answer: the import (null when nothing changed and nothing was written) and the report it committed. */
export class ImportCommitView {
  @ApiProperty({ type: InventoryImportView, nullable: true, description: 'null when every row matched its system: nothing was written' }) import: InventoryImportView | null;
  @ApiProperty({
    type: ImportWorkflowStartsView,
    description: 'lifecycle workflows this commit started, including those an earlier import of these systems left pending',
  })
  workflows: ImportWorkflowStartsView;
  @ApiProperty({ type: ImportReportView }) report: ImportReportView;
}
