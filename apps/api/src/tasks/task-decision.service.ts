import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APPROVAL_DECISIONS, ApprovalDecision, REVIEW_DECISIONS, ReviewDecision } from '@aigov/domain/approval-quorum';
import { AiSystemEntity, TaskEntity } from '@aigov/persistence/entities';
import { EvidenceRef, REVIEW_CHECKLIST_ITEMS, ReviewChecklist, reviewChecklistProblem } from '@aigov/domain/review-checklist';
import {
  awaitApprovalSettledUpdate,
  decideApprovalUpdate,
  decideReviewUpdate,
} from '@aigov/workflows/lifecycle.definitions';
import type { Actor } from '@aigov/workflows/lifecycle.types';
import { decide } from '@aigov/domain/access/access';
import { toAiSystemView, AiSystemView } from '../ai-systems/dto/ai-system.view';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { TaskView, toTaskView } from './dto/task.view';
import { requireActiveUser, requireFutureDate } from '../common/request-checks';
import { describeApprovalSubject } from '@aigov/persistence/approval-subject.description';
import { MonitoringPlansService } from '../monitoring-plans/monitoring-plans.service';

/** What a review decision carries besides the decision itself. */
export interface ReviewDecisionDetails {
  checklist?: Record<string, { result: string; note?: string }>;
  evidence?: EvidenceRef[];
  correctiveAction?: { title: string; description: string; ownerId?: string; dueAt?: string };
  /** the review's checks against the system's post-market monitoring plan (required when it has one) */
  monitoringChecks?: unknown;
}

export interface DecisionResult {
  task: TaskView;
  /** the AI system after the decision; null when the task approves another subject (an SoA version) */
  system: AiSystemView | null;
  /** what the task approves, named for people (the system's name, `Statement of Applicability version 3`) */
  subjectName: string;
}

/**
 * The one path by which a person's decision reaches a workflow, whether it came from the task
 * inbox or an emailed link. Checks here give clear answers early; the workflow's validator
 * re-checks everything, so a race between two deciders still ends with one decision.
 */
@Injectable()
export class TaskDecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleGateway,
    private readonly monitoringPlans: MonitoringPlansService,
  ) {}

  async decide(
    taskId: string,
    actor: Actor,
    decision: string,
    comment: string | undefined,
    manager?: EntityManager,
    details: ReviewDecisionDetails = {},
  ): Promise<DecisionResult> {
    const m = manager ?? this.dataSource.manager;
    const task = await m.findOne(TaskEntity, { where: { id: taskId } });
    if (!task) throw notFound(`task ${taskId} does not exist`, 'taskId');
    // Decided by relation alone (no roles): the same answer for the inbox and for an emailed link.
    const may = decide({ id: actor.userId, roles: [] }, 'task.decide', { assigneeId: task.assigneeId });
    if (!may.allowed) throw forbidden(may.reason, may.field);
    // A resend of the same decision under the same Idempotency-Key answers like the first did.
    if (task.status === 'decided' && task.decidedById === actor.userId && task.decision === decision && idempotentId('decide')) {
      return this.view(task);
    }
    if (task.status !== 'open') throw conflict(`task ${taskId} is ${task.status}; it can no longer be decided`, 'taskId');
    const text = comment?.trim() ?? '';

    if (task.kind === 'approval') {
      if (!(APPROVAL_DECISIONS as readonly string[]).includes(decision)) {
        throw badRequest(`an approval decision must be one of ${APPROVAL_DECISIONS.join(', ')}`, 'decision');
      }
      if (decision !== 'approve' && !text) throw badRequest(`a comment is required to ${decision.replace('_', ' ')}`, 'comment');
      const result = await this.lifecycle
        .updateWorkflow(task.workflowId, decideApprovalUpdate, [{ actor, taskId, decision: decision as ApprovalDecision, comment: text }])
        .catch((error: unknown) => {
          // The round's workflow ends when the round settles; a late click is a conflict.
          if (error instanceof ApiError && error.getStatus() === 409) throw conflict('this approval round has already been settled', 'taskId');
          throw error;
        });
      // When this decision settled the round, wait until the lifecycle has applied it, so the
      // answer (and the next read) shows the new stage.
      if (result.roundOutcome) {
        if (task.aiSystemId !== null) await this.lifecycle.update(task.aiSystemId, awaitApprovalSettledUpdate, [result.round]);
        else await this.lifecycle.awaitParentOf(task.workflowId);
      }
    } else if (task.aiSystemId !== null) {
      if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
        throw badRequest(`a review decision must be one of ${REVIEW_DECISIONS.join(', ')}`, 'decision');
      }
      if (decision !== 'continue' && !text) throw badRequest(`a comment is required to ${decision}`, 'comment');
      if (details.checklist === undefined) {
        throw badRequest(`a periodic review records its checklist: answer every item (${REVIEW_CHECKLIST_ITEMS.join(', ')})`, 'checklist');
      }
      const checklist = normaliseChecklist(details.checklist);
      const problem = reviewChecklistProblem(decision, checklist);
      if (problem) throw badRequest(problem.reason, problem.field);
      const monitoringChecks = await this.monitoringPlans.checksForReview(m, task.aiSystemId, decision, details.monitoringChecks);
      const correctiveAction = decision === 'remediate' ? await this.correctiveAction(m, task.aiSystemId, details) : null;
      await this.lifecycle.update(task.aiSystemId, decideReviewUpdate, [
        {
          actor,
          taskId,
          decision: decision as ReviewDecision,
          comment: text,
          checklist: checklist as ReviewChecklist,
          evidence: details.evidence ?? [],
          correctiveAction,
          // absent (not null) without a plan, so such a review's Update is what it was before plans existed
          ...(monitoringChecks ? { monitoringChecks } : {}),
        },
      ]);
    } else {
      throw conflict(`task ${taskId} is a review of something other than an AI system, which no workflow reviews`, 'taskId');
    }

    return this.view(task);
  }

  /** The corrective action a remediation opens: its owner must be an active person, its due date ahead. */
  private async correctiveAction(m: EntityManager, systemId: string, details: ReviewDecisionDetails) {
    const action = details.correctiveAction;
    if (!action) throw badRequest('remediate needs the corrective action to open (title, description, optional ownerId and dueAt)', 'correctiveAction');
    const system = await m.findOneOrFail(AiSystemEntity, { where: { id: systemId } });
    const ownerId = action.ownerId ?? system.accountableOwnerId;
    await requireActiveUser(m, ownerId, 'correctiveAction.ownerId');
    if (action.dueAt) requireFutureDate(action.dueAt, 'correctiveAction.dueAt');
    return { title: action.title.trim(), description: action.description, ownerId, dueAt: action.dueAt ? new Date(action.dueAt).toISOString() : null };
  }

  private async view(task: TaskEntity): Promise<DecisionResult> {
    const m = this.dataSource.manager;
    const updated = await m.findOneOrFail(TaskEntity, { where: { id: task.id } });
    if (task.aiSystemId === null) {
      const subject = await describeApprovalSubject(m, task.subjectKind, task.subjectId);
      return { task: toTaskView(updated), system: null, subjectName: subject.name };
    }
    const system = await m.findOneOrFail(AiSystemEntity, { where: { id: task.aiSystemId } });
    return { task: toTaskView(updated), system: toAiSystemView(system), subjectName: system.name };
  }
}

/** Trims notes and drops empty ones, so the workflow and the record see the same answers. */
function normaliseChecklist(raw: Record<string, { result: string; note?: string }>): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return raw;
  return Object.fromEntries(
    Object.entries(raw).map(([item, answer]) => [
      item,
      typeof answer === 'object' && answer !== null ? { result: answer.result, note: typeof answer.note === 'string' && answer.note.trim() ? answer.note.trim() : null } : answer,
    ]),
  );
}
