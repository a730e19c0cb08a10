import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { approvalAuditStream } from '@aigov/temporal/workflow-ids';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import type { UserPrincipal } from '../auth/principal';
import { isoDate } from '../common/iso-date';
import { ApprovalEventView, ApprovalHistoryView, ApprovalRoundView, ApprovalTaskHistoryView, RoundOutcome } from './dto/approval-history.view';

interface TaskRow {
  id: string;
  round: number;
  step_name: string;
  step_index: number;
  status: string;
  created_at: Date;
  due_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  decision: string | null;
  comment: string | null;
  decided_at: Date | null;
  delegated_to_task_id: string | null;
  delegation_reason: string | null;
  assignee_id: string;
  assignee_email: string;
  assignee_name: string;
  behalf_id: string | null;
  behalf_email: string | null;
  behalf_name: string | null;
}

interface EventRow {
  stream_id: string;
  seq: number;
  event_type: string;
  occurred_at: Date;
  actor_label: string | null;
  payload: Record<string, unknown>;
}

/** Events that settle a round, and the outcome each means. */
const SETTLING: Record<string, RoundOutcome> = {
  'approval.step_rejected': 'rejected',
  'approval.step_changes_requested': 'changes_requested',
  'approval.expired': 'expired',
  'approval.no_eligible_approvers': 'no_eligible_approvers',
  'approval.withdrawn': 'withdrawn',
};

/**
 * Who was asked, when, who was reminded, escalated to or delegated to, and who decided what
 * and why: every approval round of one system, from the task rows and the round's own
 * hash-chained audit stream.
 */
@Injectable()
export class ApprovalHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
  ) {}

  async history(systemId: string, me: UserPrincipal): Promise<ApprovalHistoryView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const [tasks, events, stage]: [TaskRow[], EventRow[], Array<{ approval_round: number; stage: string }>] = await Promise.all([
      this.dataSource.query(
        `SELECT t.id, t.round, t.step_name, t.step_index, t.status, t.created_at, t.due_at, t.reminded_at, t.escalated_at,
                t.decision, t.comment, t.decided_at, t.delegated_to_task_id, t.delegation_reason,
                a.id AS assignee_id, a.email AS assignee_email, a.name AS assignee_name,
                b.id AS behalf_id, b.email AS behalf_email, b.name AS behalf_name
           FROM tasks t JOIN users a ON a.id = t.assignee_id LEFT JOIN users b ON b.id = t.delegated_from_id
          WHERE t.ai_system_id = $1 AND t.kind = 'approval'
          ORDER BY t.round, t.step_index, t.created_at, a.email`,
        [systemId],
      ),
      this.dataSource.query(
        `SELECT stream_id, seq, event_type, occurred_at, actor_label, payload FROM audit_events
          WHERE ai_system_id = $1 AND stream_id LIKE 'approval:%' ORDER BY stream_id, seq`,
        [systemId],
      ),
      this.dataSource.query('SELECT approval_round, stage FROM ai_systems WHERE id = $1', [systemId]),
    ]);

    const rounds = new Set<number>([...tasks.map((t) => t.round)]);
    for (const e of events) rounds.add(Number(e.stream_id.split(':').at(-1)));
    const current = stage[0];
    const views: ApprovalRoundView[] = [...rounds]
      .sort((a, b) => b - a)
      .map((round) => {
        const stream = approvalAuditStream(systemId, round);
        const roundEvents: ApprovalEventView[] = events
          .filter((e) => e.stream_id === stream)
          .map((e) => ({ seq: e.seq, eventType: e.event_type, occurredAt: isoDate(e.occurred_at)!, actor: e.actor_label, payload: e.payload }));
        const roundTasks = tasks.filter((t) => t.round === round);
        const steps = new Map<number, { index: number; name: string; tasks: ApprovalTaskHistoryView[] }>();
        for (const t of roundTasks) {
          const step = steps.get(t.step_index) ?? { index: t.step_index, name: t.step_name, tasks: [] };
          step.tasks.push(toTaskHistory(t));
          steps.set(t.step_index, step);
        }
        const settling = roundEvents.find((e) => SETTLING[e.eventType]);
        const stillRunning = round === current?.approval_round && current.stage === 'approval';
        const outcome: RoundOutcome = settling ? SETTLING[settling.eventType] : stillRunning ? 'in_progress' : 'approved';
        const times = [...roundEvents.map((e) => e.occurredAt), ...roundTasks.map((t) => isoDate(t.created_at)!)].sort();
        return {
          round,
          outcome,
          startedAt: times[0],
          settledAt: outcome === 'in_progress' ? null : (roundEvents.at(-1)?.occurredAt ?? null),
          steps: [...steps.values()].sort((a, b) => a.index - b.index),
          events: roundEvents,
        };
      });
    return { aiSystemId: systemId, rounds: views };
  }
}

function toTaskHistory(t: TaskRow): ApprovalTaskHistoryView {
  return {
    taskId: t.id,
    assignee: { id: t.assignee_id, email: t.assignee_email, name: t.assignee_name },
    onBehalfOf: t.behalf_id ? { id: t.behalf_id, email: t.behalf_email!, name: t.behalf_name! } : null,
    status: t.status,
    askedAt: isoDate(t.created_at)!,
    dueAt: isoDate(t.due_at),
    remindedAt: isoDate(t.reminded_at),
    escalatedAt: isoDate(t.escalated_at),
    decision: t.decision,
    comment: t.comment,
    decidedAt: isoDate(t.decided_at),
    delegatedToTaskId: t.delegated_to_task_id,
    delegationReason: t.delegation_reason,
  };
}
