import { workflowInfo } from '@temporalio/workflow';
import { CastDecision, evaluateStep, StepOutcome } from '@aigov/domain/approval-quorum';
import { ApproverSelector, Quorum, TierPolicy } from '@aigov/domain/governance-policy.types';
import { ApprovalConflicts } from '@aigov/domain/segregation-of-duties';
import { approvalAuditStream } from '@aigov/temporal/workflow-ids';
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
  readonly workflowId: string;
  /** the step being asked, null between steps */
  step: OpenStep | null;
  /** tasks of ended steps (and delegated tasks), so a late decision is told why it is refused */
  readonly closedTasks: Set<string>;
  /** prompts sent from Update handlers, awaited before the round ends so none is abandoned */
  readonly prompts: Array<Promise<unknown>>;
  /** the reason, once the parent has withdrawn the round */
  withdrawn: string | null;
  /** the tier policy, read once the handlers are installed */
  policy: TierPolicy | null;
  audit(eventType: string, actor: Actor | null, payload: Record<string, unknown>): RoundAuditEntry;
  /** Audit events of this round form one hash chain, so their writes go out in order. */
  inOrder<T>(write: () => Promise<T>): Promise<T>;
  stepOutcome(step: OpenStep): StepOutcome;
}

/** Issues no command. */
export function createApprovalRoundContext(input: ApprovalRequestInput): ApprovalRoundContext {
  const stream = approvalAuditStream(input.systemId, input.round);
  let auditSeq = 0;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    input,
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
