import { ApiProperty } from '@nestjs/swagger';
import { SERIOUS_INCIDENT_CATEGORIES } from '@aigov/domain/serious-incident';

/** Serious incidents on a management review's agenda; mirrors SeriousIncidentsAgenda in libs/persistence/src/serious-incidents-agenda.ts. */
export class AgendaSeriousIncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() systemName: string;
  @ApiProperty({ enum: SERIOUS_INCIDENT_CATEGORIES }) category: string;
  @ApiProperty({ format: 'date-time' }) awareAt: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ enum: ['open', 'submitted'] }) status: string;
  @ApiProperty({ description: 'open past the deadline, or submitted after it' }) missedDeadline: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
}

export class AgendaSeriousIncidentsView {
  @ApiProperty({ description: 'marked serious since the last review' }) declaredSince: number;
  @ApiProperty({ description: 'reports submitted since the last review' }) submittedSince: number;
  @ApiProperty({ description: 'of those, submitted after the deadline' }) submittedLateSince: number;
  @ApiProperty({ description: 'not yet reported' }) open: number;
  @ApiProperty({ description: 'not yet reported and past the deadline' }) openPastDeadline: number;
  @ApiProperty({ type: [AgendaSeriousIncidentView], description: 'open incidents, then late reports since the last review' }) items: AgendaSeriousIncidentView[];
}
