import { ApiProperty } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { SERIOUS_INCIDENT_CATEGORIES, SERIOUS_INCIDENT_CATEGORY_TEXT, SeriousIncidentCategory } from '@aigov/domain/serious-incident';

/** How many incidents the dashboard names (the counts cover them all). */
const LISTED = 20;

export class DashboardSeriousIncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() systemName: string;
  @ApiProperty({ enum: SERIOUS_INCIDENT_CATEGORIES }) category: SeriousIncidentCategory;
  @ApiProperty() categoryLabel: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ enum: ['open', 'submitted'] }) status: 'open' | 'submitted';
  @ApiProperty({ type: Number, nullable: true, description: 'milliseconds until the deadline at `generatedAt` (negative once passed); null once submitted' }) msLeft: number | null;
  @ApiProperty({ description: 'open past the deadline, or submitted after it' }) missedDeadline: boolean;
}

export class DashboardSeriousIncidentsView {
  @ApiProperty({ description: 'serious incidents whose report has not been submitted' }) open: number;
  @ApiProperty({ description: 'of those, past their reporting deadline' }) openPastDeadline: number;
  @ApiProperty({ description: 'reports submitted after the deadline in the last twelve months (`periods.monthsFrom` on)' }) submittedLate: number;
  @ApiProperty({ type: [DashboardSeriousIncidentView], description: 'open incidents soonest deadline first, then late submissions of the period, newest first' })
  items: DashboardSeriousIncidentView[];
}

/** EU AI Act Art. 73 on the governance office's dashboard: open serious incidents with their time left, and missed deadlines. */
export async function seriousIncidentsDashboard(dataSource: DataSource, now: Date, from: Date): Promise<DashboardSeriousIncidentsView> {
  const [counts] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
            count(*) FILTER (WHERE status = 'open' AND deadline_at < $1)::int AS past,
            count(*) FILTER (WHERE status = 'submitted' AND submitted_late AND submission_recorded_at >= $2)::int AS late
       FROM serious_incidents`,
    [now, from],
  );
  const rows: Array<Record<string, any>> = await dataSource.query(
    `SELECT i.id, i.ai_system_id, s.name, i.category, i.deadline_at, i.status, i.submitted_late
       FROM serious_incidents i JOIN ai_systems s ON s.id = i.ai_system_id
      WHERE i.status = 'open' OR (i.submitted_late AND i.submission_recorded_at >= $1)
      ORDER BY (i.status = 'open') DESC, CASE WHEN i.status = 'open' THEN i.deadline_at END, i.submission_recorded_at DESC LIMIT ${LISTED}`,
    [from],
  );
  return {
    open: counts.open,
    openPastDeadline: counts.past,
    submittedLate: counts.late,
    items: rows.map((r) => {
      const open = r.status === 'open';
      const deadline = new Date(r.deadline_at);
      return {
        id: r.id,
        aiSystemId: r.ai_system_id,
        systemName: r.name,
        category: r.category,
        categoryLabel: SERIOUS_INCIDENT_CATEGORY_TEXT[r.category as SeriousIncidentCategory].label,
        deadlineAt: deadline.toISOString(),
        status: r.status,
        msLeft: open ? deadline.getTime() - now.getTime() : null,
        missedDeadline: open ? deadline.getTime() < now.getTime() : r.submitted_late === true,
      };
    }),
  };
}
