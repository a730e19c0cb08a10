import { ApiProperty } from '@nestjs/swagger';
import { ManagementReviewAgendaView } from '../reports/management-review-agenda.view';

export class PersonRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class ManagementReviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['scheduled', 'held'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) convenedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) meetingAt: string | null;
  @ApiProperty({ type: ManagementReviewAgendaView, description: 'compiled when the review was convened, and kept as it was then' })
  agenda: ManagementReviewAgendaView;
  @ApiProperty({ type: [PersonRefView] }) participants: PersonRefView[];
  @ApiProperty({ type: String, nullable: true }) minutes: string | null;
  @ApiProperty({ type: [String] }) attendeeIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'each with the pdcaItemId it became' })
  decisions: Array<Record<string, unknown>>;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) recordedById: string | null;
  @ApiProperty({ type: String, nullable: true }) recordedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) remindedAt: string | null;
}

export class InternalAuditView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['open', 'completed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the AI systems in scope when it opened' })
  scope: Array<Record<string, unknown>>;
  @ApiProperty({ type: [PersonRefView] }) auditors: PersonRefView[];
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'each with the pdcaItemId it became' })
  findings: Array<Record<string, unknown>>;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) completedById: string | null;
  @ApiProperty({ type: String, nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) remindedAt: string | null;
}

export class ScheduleTriggerView {
  @ApiProperty({ description: 'the schedule whose action was started now' }) triggered: string;
}
