import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPLEMENTATION_STATUSES, SOA_DIFF_FIELDS, SOA_FRAMEWORKS, SOA_VERSION_STATUSES } from '@aigov/domain/soa';

export class SoaEntryView {
  @ApiProperty({ enum: SOA_FRAMEWORKS }) framework: string;
  @ApiProperty({ example: 'A.6.2.6' }) ref: string;
  @ApiProperty({ description: 'the control’s title in our catalog' }) title: string;
  @ApiProperty({ description: 'false while nobody has decided this control in the draft' }) decided: boolean;
  @ApiProperty({ nullable: true, type: Boolean }) applicable: boolean | null;
  @ApiProperty({ nullable: true, type: String }) justification: string | null;
  @ApiProperty({ nullable: true, enum: IMPLEMENTATION_STATUSES }) implementationStatus: string | null;
  @ApiProperty({ nullable: true, format: 'uuid', type: String }) ownerId: string | null;
  @ApiProperty({ type: [String] }) riskIds: string[];
  @ApiProperty({ nullable: true, type: String }) evidenceNotes: string | null;
}

export class SoaLastOutcomeView {
  @ApiProperty() round: number;
  @ApiProperty({ example: 'rejected' }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class SoaVersionSummaryView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a draft nobody has started yet' }) id: string | null;
  @ApiProperty({ description: 'the number the version is (or will be) published under' }) version: number;
  @ApiProperty({ enum: SOA_VERSION_STATUSES }) status: string;
  @ApiProperty({ description: 'publication rounds run so far' }) approvalRound: number;
  @ApiProperty({ type: [String], description: 'who edited the draft (none of them may approve its publication)' }) editorIds: string[];
  @ApiProperty({ nullable: true, type: SoaLastOutcomeView, description: 'the last publication round that did not publish' }) lastOutcome: SoaLastOutcomeView | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the frozen document (published versions)' }) sha256: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
}

export class SoaDraftView {
  @ApiProperty({ type: SoaVersionSummaryView }) draft: SoaVersionSummaryView;
  @ApiProperty({ nullable: true, type: Number, description: 'the current (published) version, the draft’s starting point' }) currentVersion: number | null;
  @ApiProperty({ description: 'controls of both Annexes with no decision yet in the draft' }) undecided: number;
  @ApiProperty({ type: [SoaEntryView] }) items: SoaEntryView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class SoaVersionListView {
  @ApiProperty({ type: [SoaVersionSummaryView] }) items: SoaVersionSummaryView[];
}

export class SoaVersionView extends SoaVersionSummaryView {
  @ApiProperty({ type: [SoaEntryView] }) entries: SoaEntryView[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'the frozen document whose SHA-256 is `sha256`' })
  document: Record<string, unknown> | null;
}

export class SoaPublicationView {
  @ApiProperty() version: number;
  @ApiProperty() round: number;
  @ApiProperty({ enum: SOA_VERSION_STATUSES }) status: string;
  @ApiProperty({ description: 'the publication workflow' }) workflowId: string;
}

/** What an entry's field holds: applicable (boolean), risk ids (a list), the others text. */
const FIELD_VALUE = [{ type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }];

export class SoaFieldChangeView {
  @ApiProperty({ enum: SOA_DIFF_FIELDS }) field: string;
  @ApiProperty({ nullable: true, oneOf: FIELD_VALUE, description: 'the value in the first version' }) from: unknown;
  @ApiProperty({ nullable: true, oneOf: FIELD_VALUE, description: 'the value in the second version' }) to: unknown;
}

export class SoaChangedEntryView {
  @ApiProperty({ enum: SOA_FRAMEWORKS }) framework: string;
  @ApiProperty() ref: string;
  @ApiProperty({ type: [SoaFieldChangeView] }) changes: SoaFieldChangeView[];
}

export class SoaDiffView {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [SoaEntryView] }) added: SoaEntryView[];
  @ApiProperty({ type: [SoaEntryView] }) removed: SoaEntryView[];
  @ApiProperty({ type: [SoaChangedEntryView] }) changed: SoaChangedEntryView[];
}
