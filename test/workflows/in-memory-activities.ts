import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type {
  AppliedChange,
  AuditEntry,
  GovernanceActivities,
  LifecycleChange,
  ResolvedApprover,
} from '@aigov/workflows/activity.contracts';
import { DEFAULT_PDCA_POLICY, DEFAULT_DOCUMENT_APPROVAL, GovernancePolicy, TierPolicy } from '@aigov/domain/governance-policy.types';
import type { PdcaChange } from '@aigov/workflows/pdca.types';
import { matchesSelector, routeApprovers } from '@aigov/domain/approver-routing';

export interface DirectoryUser extends ResolvedApprover {
  roles: string[];
  outOfOfficeDelegateId?: string | null;
}

export interface RecordedTask {
  id: string;
  systemId: string;
  assigneeId: string;
  stepName: string;
  status: string;
  decision?: string;
}

/**
 * Activities kept in memory, for tests of workflow logic alone (ordering, validators, timers).
 * The database-backed activities have their own integration tests.
 */
export class InMemoryActivities {
  readonly changes: LifecycleChange[] = [];
  readonly audit: Array<{ stream: string; entry: AuditEntry }> = [];
  readonly tasks = new Map<string, RecordedTask>();
  readonly prompts: Array<{ taskId: string; kind: string }> = [];
  readonly notifications: Array<{ key: string; subject: string }> = [];
  readonly pdcaChanges: PdcaChange[] = [];
  readonly attempts = new Map<string, number>();
  /** activity names that fail on their first attempt, to exercise retries */
  failFirstAttempt = new Set<string>();

  constructor(
    private readonly policy: GovernancePolicy,
    private readonly directory: DirectoryUser[],
    private readonly reviewDelayMs = 1000,
  ) {}

  private flaky(name: string): void {
    const key = `${name}:${activityInfo().workflowExecution?.workflowId}:${activityInfo().activityId}`;
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    if (this.failFirstAttempt.has(name) && n === 1) throw new Error(`injected failure in ${name}`);
  }

  /** Like the real audit chain: each stream's entries must arrive as seq 1, 2, 3, ... */
  private appendAudit(stream: string, entry: AuditEntry): void {
    const last = this.audit.filter((a) => a.stream === stream).at(-1)?.entry.seq ?? 0;
    if (entry.seq <= last) return; // a retried write
    if (entry.seq !== last + 1) {
      throw ApplicationFailure.nonRetryable(`audit stream ${stream}: seq ${entry.seq} arrived after ${last}`, 'AuditChainGap');
    }
    this.audit.push({ stream, entry });
  }

  changesFor(systemId: string): LifecycleChange[] {
    return this.changes.filter((c) => c.systemId === systemId);
  }

  tasksFor(systemId: string): RecordedTask[] {
    return [...this.tasks.values()].filter((t) => t.systemId === systemId);
  }

  activities(): GovernanceActivities {
    return {
      applyLifecycleChange: async (change): Promise<AppliedChange> => {
        this.flaky('applyLifecycleChange');
        // Keyed like the real activity: a change already applied is not applied twice.
        if (!this.changes.some((c) => c.systemId === change.systemId && c.seq === change.seq)) {
          this.changes.push(change);
          for (const entry of change.audit) this.appendAudit(change.auditStream, entry);
          if (change.reviewTask) {
            this.tasks.set(change.reviewTask.id, {
              id: change.reviewTask.id,
              systemId: change.systemId,
              assigneeId: change.reviewTask.assigneeId,
              stepName: 'review',
              status: 'open',
            });
          }
        }
        if (!change.scheduleReviewIn) return { nextReviewAt: null, reviewDelayMs: null };
        return { nextReviewAt: new Date(Date.now() + this.reviewDelayMs).toISOString(), reviewDelayMs: this.reviewDelayMs };
      },
      getTierPolicy: async (tier): Promise<TierPolicy> => this.policy.tiers[tier],
      getSubjectApprovalPolicy: async (kind) => (kind === 'soa' && this.policy.soa ? this.policy.soa : DEFAULT_DOCUMENT_APPROVAL),
      resolveApprovers: async ({ selector, conflicts, ask, alreadyAsked }) => {
        const openTasks = (id: string) => [...this.tasks.values()].filter((t) => t.assigneeId === id && t.status === 'open').length;
        const people = this.directory.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          roles: u.roles,
          active: true,
          outOfOfficeDelegateId: u.outOfOfficeDelegateId ?? null,
          openTasks: openTasks(u.id),
        }));
        const routed = routeApprovers({
          candidates: people.filter((p) => matchesSelector(p, selector, null)),
          directory: new Map(people.map((p) => [p.id, p])),
          selector,
          ownerManagerId: null,
          conflicts,
          ask,
          alreadyAsked: new Set(alreadyAsked ?? []),
        });
        return { eligible: routed.approvers, excluded: routed.excluded };
      },
      createApprovalTasks: async (input) => {
        for (const t of input.tasks) {
          this.tasks.set(t.id, { id: t.id, systemId: input.systemId ?? input.subject?.id ?? '', assigneeId: t.assigneeId, stepName: input.stepName, status: 'open' });
        }
        this.appendAudit(input.audit.stream, input.audit.entry);
        return { dueAt: new Date().toISOString() };
      },
      sendTaskPrompt: async ({ taskId, kind }) => {
        if (this.prompts.some((p) => p.taskId === taskId && p.kind === kind)) return { sent: false };
        this.prompts.push({ taskId, kind });
        return { sent: true };
      },
      recordApprovalDecision: async ({ taskId, decision, audit }) => {
        const task = this.tasks.get(taskId)!;
        if (task.status === 'open') Object.assign(task, { status: 'decided', decision });
        this.appendAudit(audit.stream, audit.entry);
      },
      closeApprovalTasks: async ({ taskIds, status, audit }) => {
        for (const id of taskIds) {
          const task = this.tasks.get(id);
          if (task?.status === 'open') task.status = status;
        }
        if (audit) this.appendAudit(audit.stream, audit.entry);
      },
      markTasks: async ({ audit }) => {
        this.appendAudit(audit.stream, audit.entry);
      },
      notify: async ({ key, subject }) => {
        if (!this.notifications.some((n) => n.key === key)) this.notifications.push({ key, subject });
        return { sent: 1 };
      },
      getGovernanceCyclePolicy: async () => ({
        pdca: this.policy.pdca ?? DEFAULT_PDCA_POLICY,
        managementReview: this.policy.managementReview ?? null,
        internalAudit: this.policy.internalAudit ?? null,
      }),
      applyPdcaChange: async (change) => {
        if (!this.pdcaChanges.some((c) => c.itemId === change.itemId && c.seq === change.seq)) {
          this.pdcaChanges.push(change);
          for (const entry of change.audit) this.appendAudit(change.auditStream, entry);
        }
        return { dueInMs: 60 * 60 * 1000 };
      },
      // Management reviews and audits are tested against PostgreSQL (test/integration/operations).
      conveneManagementReview: async () => {
        throw ApplicationFailure.nonRetryable('management reviews are not simulated in memory');
      },
      recordManagementReviewMinutes: async () => undefined,
      openInternalAudit: async () => {
        throw ApplicationFailure.nonRetryable('internal audits are not simulated in memory');
      },
      completeInternalAudit: async () => undefined,
      markGovernanceReminded: async () => undefined,
      delegateApprovalTask: async ({ systemId, fromTaskId, task, audit }) => {
        const from = this.tasks.get(fromTaskId)!;
        if (!this.tasks.has(task.id)) {
          this.tasks.set(task.id, { id: task.id, systemId: from.systemId, assigneeId: task.assigneeId, stepName: from.stepName, status: 'open' });
        }
        if (from.status === 'open') from.status = 'delegated';
        this.appendAudit(audit.stream, audit.entry);
      },
    };
  }
}
