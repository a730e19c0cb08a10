import type { EntityManager } from 'typeorm';

/** How many incidents the agenda names (the counts cover them all). */
const LISTED = 50;

export interface SeriousIncidentAgendaItem {
  id: string;
  aiSystemId: string;
  systemName: string;
  category: string;
  awareAt: string;
  deadlineAt: string;
  status: 'open' | 'submitted';
  /** open past its deadline, or submitted after it */
  missedDeadline: boolean;
  submittedAt: string | null;
}

/**
 * Serious incidents on a management review's agenda (EU AI Act Art. 73; ISO/IEC 42001 9.3.2's
 * nonconformities and monitoring results): how many were declared and reported since the last
 * review, how many are still open, and every deadline missed, open or since reported late.
 */
export interface SeriousIncidentsAgenda {
  declaredSince: number;
  submittedSince: number;
  submittedLateSince: number;
  open: number;
  /** open and past the deadline now */
  openPastDeadline: number;
  /** open incidents, then those reported late since the last review, soonest deadline first */
  items: SeriousIncidentAgendaItem[];
}

export async function compileSeriousIncidentsAgenda(m: Pick<EntityManager, 'query'>, now: Date, since: Date | null): Promise<SeriousIncidentsAgenda> {
  const from = since ?? new Date(0);
  const [counts] = await m.query(
    `SELECT count(*) FILTER (WHERE declared_at >= $1)::int AS declared,
            count(*) FILTER (WHERE status = 'submitted' AND submission_recorded_at >= $1)::int AS submitted,
            count(*) FILTER (WHERE status = 'submitted' AND submission_recorded_at >= $1 AND submitted_late)::int AS late,
            count(*) FILTER (WHERE status = 'open')::int AS open,
            count(*) FILTER (WHERE status = 'open' AND deadline_at < $2)::int AS past
       FROM serious_incidents`,
    [from, now],
  );
  const rows: Array<Record<string, any>> = await m.query(
    `SELECT i.id, i.ai_system_id, s.name, i.category, i.aware_at, i.deadline_at, i.status, i.submitted_at, i.submitted_late
       FROM serious_incidents i JOIN ai_systems s ON s.id = i.ai_system_id
      WHERE i.status = 'open' OR (i.submitted_late AND i.submission_recorded_at >= $1)
      ORDER BY (i.status = 'open') DESC, i.deadline_at LIMIT ${LISTED}`,
    [from],
  );
  return {
    declaredSince: counts.declared,
    submittedSince: counts.submitted,
    submittedLateSince: counts.late,
    open: counts.open,
    openPastDeadline: counts.past,
    items: rows.map((r) => ({
      id: r.id,
      aiSystemId: r.ai_system_id,
      systemName: r.name,
      category: r.category,
      awareAt: new Date(r.aware_at).toISOString(),
      deadlineAt: new Date(r.deadline_at).toISOString(),
      status: r.status,
      missedDeadline: r.status === 'open' ? new Date(r.deadline_at) < now : r.submitted_late === true,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    })),
  };
}

/** The agenda line of the invitation mail. */
export function seriousIncidentsAgendaText(a: SeriousIncidentsAgenda | undefined, since: string): string {
  if (!a) return 'not compiled for this review';
  const missed = a.items.filter((i) => i.missedDeadline);
  const head = `${a.open} open (${a.openPastDeadline} past the reporting deadline); ${a.declaredSince} declared and ${a.submittedSince} reported ${since}, ${a.submittedLateSince} of them late`;
  const lines = missed.slice(0, 20).map((i) => `   - MISSED: ${i.systemName}, ${i.category}, deadline ${i.deadlineAt.slice(0, 16).replace('T', ' ')} UTC${i.status === 'submitted' ? ', reported late' : ', not reported'}`);
  return [head, ...lines].join('\n');
}
