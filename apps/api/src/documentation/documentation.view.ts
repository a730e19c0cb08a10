import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_KINDS, DOCUMENTATION_STATEMENT_KEYS } from '@aigov/domain/documentation/documentation-statements';

export class MissingItemView {
  @ApiProperty({ description: 'what is missing' }) what: string;
  @ApiProperty({ description: 'who can supply it' }) suppliedBy: string;
  @ApiProperty({ description: 'where or how it is recorded' }) how: string;
  @ApiPropertyOptional({ enum: DOCUMENTATION_STATEMENT_KEYS, description: 'the statement that supplies it, when one does' }) statementKey?: string;
}

export class DocumentFieldView {
  @ApiProperty() label: string;
  @ApiProperty() value: string;
}

/** One block of a section: labelled fields, a list, a table or a statement's text (by `kind`). */
export class DocumentBlockView {
  @ApiProperty({ enum: ['fields', 'list', 'table', 'text'] }) kind: string;
  @ApiPropertyOptional({ type: [DocumentFieldView] }) fields?: DocumentFieldView[];
  @ApiPropertyOptional() label?: string;
  @ApiPropertyOptional({ type: [String] }) items?: string[];
  @ApiPropertyOptional({ type: [String] }) columns?: string[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'string' } } }) rows?: string[][];
  @ApiPropertyOptional({ description: 'what an empty list or table says' }) empty?: string;
  @ApiPropertyOptional() text?: string;
}

export class DocumentSectionView {
  @ApiProperty({ example: 'annex_iv.9' }) id: string;
  @ApiProperty({ example: 'Annex IV point 9' }) reference: string;
  @ApiProperty() heading: string;
  @ApiProperty({ description: 'what the section covers' }) covers: string;
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: [MissingItemView] }) missing: MissingItemView[];
  @ApiProperty({ type: [DocumentBlockView] }) blocks: DocumentBlockView[];
}

export class DocumentPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class DocumentSystemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) riskTier: string | null;
  @ApiProperty() stage: string;
  @ApiProperty({ type: String, nullable: true }) currentVersion: string | null;
  @ApiProperty({ type: DocumentPersonView }) owner: DocumentPersonView;
}

/** The JSON download: the document, and the SHA-256 of its canonical JSON without this field. */
export class ComplianceDocumentView {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() basis: string;
  @ApiProperty() organisation: string;
  @ApiProperty({ type: DocumentSystemView }) system: DocumentSystemView;
  @ApiProperty({ format: 'date-time' }) compiledAt: string;
  @ApiProperty() complete: boolean;
  @ApiProperty() missingCount: number;
  @ApiProperty({ type: [DocumentSectionView] }) sections: DocumentSectionView[];
  @ApiProperty({ type: [String] }) notes: string[];
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of this object without contentSha256; the PDF shows the same hash' })
  contentSha256: string;
}

export class SectionCompletenessView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() heading: string;
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: [MissingItemView] }) missing: MissingItemView[];
}

export class DocumentCompletenessView {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ enum: ['annex-iv', 'fria'], description: 'the path segment of its download' }) path: string;
  @ApiProperty() title: string;
  @ApiProperty() basis: string;
  @ApiProperty() complete: boolean;
  @ApiProperty() missingCount: number;
  @ApiProperty({ type: [SectionCompletenessView] }) sections: SectionCompletenessView[];
}

export class DocumentationStatementView {
  @ApiProperty({ enum: DOCUMENTATION_STATEMENT_KEYS }) key: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) document: string;
  @ApiProperty({ example: 'annex_iv.1' }) section: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'what to write' }) prompt: string;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: Number, nullable: true }) version: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'who wrote the current version' }) updatedBy: string | null;
}

/** What the system page shows: each document's completeness, and the statements that complete them. */
export class DocumentationSummaryView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ description: 'documentation on demand is compiled for high-risk systems' }) applicable: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why not, when not applicable' }) reason: string | null;
  @ApiProperty({ type: [DocumentCompletenessView] }) documents: DocumentCompletenessView[];
  @ApiProperty({ type: [DocumentationStatementView] }) statements: DocumentationStatementView[];
  @ApiProperty({ description: 'whether the caller may write statements (the accountable owner, the governance office)' }) canEditStatements: boolean;
}
