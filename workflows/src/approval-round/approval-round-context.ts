import { workflowInfo } from '@temporalio/workflow';
import { CastDecision, evaluateStep, StepOutcome } from '@aigov/domain/approval-quorum';
import { ApprovalPolicy, ApproverSelector, Quorum } from '@aigov/domain/governance-policy.types';
import { ApprovalConflicts } from '@aigov/domain/segregation-of-duties';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { aiSystemSubject, ApprovalSubject } from '@aigov/domain/approval-subject';
import type { AuditEntry } from '../activity.contracts';
import type { Actor, ApprovalRequestInput, ApprovalRoundOutcome } from '../lifecycle.types';

/** The approval step being asked now: its people, its tasks and the decisions so far. */
export interface OpenStep {
  index: number;
  name: string;
  quorum: Quorum;
  selector: ApproverSelector;
  eligibleIds: string[];
  /** task id -> assignee id, for every task of this step */
  tasks: Map<string, string>;
  /** assignee id -> email, for audit payloads */
  emails: Map<string, string>;
  /** tasks still waiting for a decision */
  open: Set<string>;
  decisions: CastDecision[];
  /** the comment of the decisive negative decision */
  reason: string | null;
}

export const NEGATIVE: Record<string, ApprovalRoundOutcome> = { rejected: 'rejected', changes_requested: 'changes_requested' };

/** An audit entry of the round's own stream, numbered when it is made. */
export type RoundAuditEntry = { stream: string; entry: AuditEntry };

/**
 * What the approval round's handlers and its step runner share: one object per run, made by
 * createApprovalRoundContext before the first await.
 */
export interface ApprovalRoundContext {
  readonly input: ApprovalRequestInput;
  /** what the round approves (an AI system when the input names none) */
  readonly subject: ApprovalSubject;
  /** the AI system the tasks and audit events belong to; null for other subjects */
  readonly systemId: string | null;
  readonly workflowId: string;
  /** the step being asked, null between steps */
  step: OpenStep | null;
  /** tasks of ended steps (and delegated tasks), so a late decision is told why it is refused */
  readonly closedTasks: Set<string>;
  /** prompts sent from Update handlers, awaited before the round ends so none is abandoned */
  readonly prompts: Array<Promise<unknown>>;
  /** the reason, once the parent has withdrawn the round */
  withdrawn: string | null;
  /** the round's policy (the tier's, or the subject's own section), read once the handlers are installed */
  policy: { approval: ApprovalPolicy } | null;
  audit(eventType: string, actor: Actor | null, payload: Record<string, unknown>): RoundAuditEntry;
  /** Audit events of this round form one hash chain, so their writes go out in order. */
  inOrder<T>(write: () => Promise<T>): Promise<T>;
  stepOutcome(step: OpenStep): StepOutcome;
}

/** Issues no command. */
export function createApprovalRoundContext(input: ApprovalRequestInput): ApprovalRoundContext {
  const subject = roundSubject(input);
  // An AI system's round keeps its stream name (approvalAuditStream); other subjects have their own.
  const stream = subjectApprovalWorkflowId(subject, input.round);
  let auditSeq = 0;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    input,
    subject,
    systemId: subject.kind === 'ai_system' ? subject.id : null,
    workflowId: workflowInfo().workflowId,
    step: null,
    closedTasks: new Set<string>(),
    prompts: [],
    withdrawn: null,
    policy: null,
    audit: (eventType, actor, payload) => ({
      stream,
      entry: { seq: ++auditSeq, eventType, actor, payload } satisfies AuditEntry,
    }),
    inOrder: <T>(write: () => Promise<T>): Promise<T> => {
      const run = chain.then(write);
      chain = run.catch(() => undefined);
      return run;
    },
    stepOutcome: (s) => evaluateStep(s.quorum, s.eligibleIds, s.decisions),
  };
}

/** People who may not approve this round: the system's submitter and owner, and the input's further conflicts. */
export function approverConflicts(input: ApprovalRequestInput): ApprovalConflicts {
  return { submitterId: input.submittedById, ownerId: input.ownerId, ...(input.conflicts?.length ? { others: input.conflicts } : {}) };
}

/** The round's subject: the input's, or the AI system for rounds whose input predates subjects. */
export function roundSubject(input: ApprovalRequestInput): ApprovalSubject {
  return input.subject ?? aiSystemSubject(input.systemId as string);
}
