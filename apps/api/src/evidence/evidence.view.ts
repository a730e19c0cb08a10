import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { CONTROL_HEALTH_REASON_CODES, CONTROL_HEALTH_STATUSES } from '@aigov/domain/evidence/control-health';
import { EVIDENCE_KINDS } from '@aigov/domain/evidence/evidence-map.types';

export class EvidenceItemView {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: string;
  @ApiProperty({ description: 'the record’s id (an approval round is `<system id>:<round>`; the audit trail is the system’s id)' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for organisation-wide evidence' }) aiSystemId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurredAt: string | null;
  @ApiProperty({ description: 'the API path of the artefact', example: '/api/v1/ai-systems/7f1c…/approvals' }) link: string;
}

export class ApplicabilityView {
  @ApiProperty({ enum: ['default_all_applicable', 'soa'], description: 'default_all_applicable while no Statement of Applicability is published' }) source: string;
  @ApiPropertyOptional({ description: 'the SoA version the applicability comes from' }) soaVersion?: number;
  @ApiProperty() note: string;
}

export class ControlHealthReasonView {
  @ApiProperty({ enum: CONTROL_HEALTH_REASON_CODES }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ enum: EVIDENCE_KINDS }) kind?: string;
  @ApiPropertyOptional({ description: 'the PDCA item or review task the reason is about' }) recordId?: string;
}

export class SystemControlView {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty({ example: 'A.6.2.6' }) ref: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CONTROL_HEALTH_STATUSES }) status: string;
  @ApiProperty({ type: [ControlHealthReasonView] }) reasons: ControlHealthReasonView[];
  @ApiProperty({ enum: EVIDENCE_KINDS, isArray: true, description: 'the kinds of evidence the evidence map names for this control' }) kinds: string[];
  @ApiProperty({ description: 'all evidence items of those kinds' }) evidenceCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) latestEvidenceAt: string | null;
  @ApiProperty({
    type: [EvidenceItemView],
    description: 'the newest items of each kind (at most 20 per kind); organisation-wide items are listed to the governance office, auditors and admins only, though they count for everyone',
  })
  evidence: EvidenceItemView[];
}

export class SystemControlsView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() aiSystemName: string;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: 'revision of config/catalog/evidence-map.json' }) evidenceMapRevision: number;
  @ApiProperty({ type: ApplicabilityView }) applicability: ApplicabilityView;
  @ApiProperty({ type: [SystemControlView] }) controls: SystemControlView[];
}

export class ControlEvidencePage {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, isArray: true, description: 'the kinds of evidence the evidence map names for this control (none: the engine records no evidence for it)' }) kinds: string[];
  @ApiProperty({ type: [EvidenceItemView] }) items: EvidenceItemView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ControlHealthCountsView {
  @ApiProperty() effective: number;
  @ApiProperty() attention: number;
  @ApiProperty() no_evidence: number;
  @ApiProperty() not_applicable: number;
}

export class ControlHealthReasonCountView {
  @ApiProperty({ enum: CONTROL_HEALTH_REASON_CODES }) code: string;
  @ApiProperty({ description: 'how many AI systems the reason applies to' }) systems: number;
  @ApiProperty({ description: 'the reason as written for one of them' }) example: string;
}

export class ControlHealthRowView {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS }) framework: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CONTROL_HEALTH_STATUSES, description: 'the worst across the systems in scope' }) status: string;
  @ApiProperty({ type: ControlHealthCountsView, description: 'systems per status' }) counts: ControlHealthCountsView;
  @ApiProperty({ type: [ControlHealthReasonCountView] }) reasons: ControlHealthReasonCountView[];
  @ApiProperty({ enum: EVIDENCE_KINDS, isArray: true }) kinds: string[];
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) latestEvidenceAt: string | null;
}

export class ControlHealthPendingView {
  @ApiProperty({
    enum: ['rebuilding', 'catching_up'],
    description:
      'rebuilding: what every system’s health depends on changed (the evidence map, the published SoA, the policy cadences, or organisation-wide evidence turning stale or appearing) and every system is being recomputed; catching_up: many systems changed at once and are still being counted',
  })
  reason: string;
  @ApiProperty({ description: 'systems still to be computed' }) systems: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'the moment the figures shown hold for' }) asOf: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) rebuildStartedAt?: string;
}

export class ControlHealthReportView {
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the one AI system reported on; null for the organisation' }) aiSystemId: string | null;
  @ApiProperty({ description: 'AI systems in scope' }) systems: number;
  @ApiProperty() evidenceMapRevision: number;
  @ApiProperty({ type: ApplicabilityView }) applicability: ApplicabilityView;
  @ApiProperty({ type: ControlHealthCountsView, description: 'controls per status' }) totals: ControlHealthCountsView;
  @ApiProperty({ type: [ControlHealthRowView] }) controls: ControlHealthRowView[];
  @ApiPropertyOptional({
    type: ControlHealthPendingView,
    description:
      'organisation-wide only, and only while the figures are not current: they are then those of `pending.asOf`, under the applicability and evidence-map revision given, and the work goes on in the background. Absent: the figures hold at generatedAt.',
  })
  pending?: ControlHealthPendingView;
}

