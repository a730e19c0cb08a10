import { ApiProperty } from '@nestjs/swagger';
import { SERIOUS_INCIDENT_CATEGORIES, SERIOUS_INCIDENT_CATEGORY_TEXT, SeriousIncidentCategory } from '@aigov/domain/serious-incident';
import type { SeriousIncidentEntity } from '@aigov/persistence/entities';

export class SeriousIncidentPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class SeriousIncidentSubmissionView {
  @ApiProperty({ format: 'date-time', description: 'when the report reached the authority' }) submittedAt: string;
  @ApiProperty({ format: 'date-time', description: 'when the submission was recorded here' }) recordedAt: string;
  @ApiProperty({ type: SeriousIncidentPersonView, nullable: true }) submittedBy: SeriousIncidentPersonView | null;
  @ApiProperty() authority: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'submitted after the deadline' }) late: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the canonical JSON of the report as submitted' }) reportSha256: string | null;
}

export class SeriousIncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) monitoringEventId: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() systemName: string;
  @ApiProperty({ enum: SERIOUS_INCIDENT_CATEGORIES }) category: SeriousIncidentCategory;
  @ApiProperty({ description: 'the category in words' }) categoryLabel: string;
  @ApiProperty({ description: 'why the deadline is what it is (EU AI Act Art. 73, in our words)' }) deadlineBasis: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['open', 'submitted'] }) status: 'open' | 'submitted';
  @ApiProperty({ format: 'date-time', description: 'when the organisation became aware; the clock runs from it' }) awareAt: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ format: 'date-time', description: 'the server time the clock figures are measured at' }) asOf: string;
  @ApiProperty({ type: Number, nullable: true, description: 'milliseconds until the deadline at `asOf` (negative once passed); null once submitted' }) msLeft: number | null;
  @ApiProperty({ description: 'open past the deadline, or submitted after it' }) missedDeadline: boolean;
  @ApiProperty({ format: 'date-time' }) declaredAt: string;
  @ApiProperty({ type: SeriousIncidentPersonView, nullable: true }) declaredBy: SeriousIncidentPersonView | null;
  @ApiProperty({ type: String, nullable: true, description: 'the version running when the event was recorded' }) versionInOperation: string | null;
  @ApiProperty() remindersSent: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastRemindedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) escalatedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when the clock marked the deadline missed' }) deadlineMissedAt: string | null;
  @ApiProperty({ type: SeriousIncidentSubmissionView, nullable: true }) submission: SeriousIncidentSubmissionView | null;
}

export class SeriousIncidentEventView {
  @ApiProperty() kind: string;
  @ApiProperty() severity: string;
  @ApiProperty({ type: String, nullable: true }) metric: string | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class SeriousIncidentHistoryEntryView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'serious_incident.reclassified' }) eventType: string;
  @ApiProperty({ type: String, nullable: true, description: 'who did it (email); null for the clock' }) by: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the audit entry as recorded' }) payload: Record<string, unknown>;
}

export const SERIOUS_INCIDENT_ACTIONS = ['reclassify', 'relax', 'submit'] as const;

export class SeriousIncidentDetailView extends SeriousIncidentView {
  @ApiProperty({ type: SeriousIncidentEventView }) event: SeriousIncidentEventView;
  @ApiProperty({ type: [SeriousIncidentHistoryEntryView], description: "the incident's audit trail: declaration, reclassifications, reminders, escalation, missed deadline, submission" })
  history: SeriousIncidentHistoryEntryView[];
  @ApiProperty({
    enum: SERIOUS_INCIDENT_ACTIONS,
    isArray: true,
    description: 'what the caller may do now: reclassify (a stricter category), relax (a milder one), submit (record the submission)',
  })
  allowedActions: Array<(typeof SERIOUS_INCIDENT_ACTIONS)[number]>;
}

const personOf = (user: { id: string; name: string; email: string } | null | undefined): SeriousIncidentPersonView | null =>
  user ? { id: user.id, name: user.name, email: user.email } : null;

/** An incident row loaded with its relations `aiSystem`, `declaredBy` and `submittedBy`, as of `now`. */
export function toSeriousIncidentView(row: SeriousIncidentEntity, now: Date): SeriousIncidentView {
  const text = SERIOUS_INCIDENT_CATEGORY_TEXT[row.category];
  const open = row.status === 'open';
  const deadline = new Date(row.deadlineAt);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    monitoringEventId: row.monitoringEventId,
    aiSystemId: row.aiSystemId,
    systemName: row.aiSystem?.name ?? '',
    category: row.category,
    categoryLabel: text.label,
    deadlineBasis: text.basis,
    summary: row.summary,
    status: row.status,
    awareAt: new Date(row.awareAt).toISOString(),
    deadlineAt: deadline.toISOString(),
    asOf: now.toISOString(),
    msLeft: open ? deadline.getTime() - now.getTime() : null,
    missedDeadline: open ? deadline.getTime() < now.getTime() : row.submittedLate === true,
    declaredAt: new Date(row.declaredAt).toISOString(),
    declaredBy: personOf(row.declaredBy),
    versionInOperation: row.versionInOperation,
    remindersSent: row.remindersSent,
    lastRemindedAt: iso(row.lastRemindedAt),
    escalatedAt: iso(row.escalatedAt),
    deadlineMissedAt: iso(row.overdueAt),
    submission:
      row.status === 'submitted' && row.submittedAt
        ? {
            submittedAt: new Date(row.submittedAt).toISOString(),
            recordedAt: iso(row.submissionRecordedAt)!,
            submittedBy: personOf(row.submittedBy),
            authority: row.authority ?? '',
            reference: row.authorityReference ?? '',
            note: row.submissionNote,
            late: row.submittedLate === true,
            reportSha256: row.reportSha256,
          }
        : null,
  };
}
