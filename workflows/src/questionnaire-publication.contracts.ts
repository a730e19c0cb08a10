import { defineSignal } from '@temporalio/workflow';
import type { ApprovalRoundOutcome } from '@aigov/domain/approval-quorum';

/**
 * Publishing a questionnaire version: the API freezes the draft ('in_approval') and starts
 * `questionnairePublication` (id `questionnaire-publication:<version>:<round>`), which runs the
 * approval round of the policy's `questionnaire.approval` section and applies its outcome. Once
 * published, `questionnaireReassessments` (id `questionnaire-reassessments:<version>`, started as
 * an abandoned child so the publication itself ends, and the approver's request with it) follows
 * the re-assessments the version asked for: request, reminder before the due date, overdue
 * notice, escalation, on durable timers.
 */
export function questionnairePublicationWorkflowId(version: string, round: number): string {
  return `questionnaire-publication:${version}:${round}`;
}

export function questionnaireReassessmentsWorkflowId(version: string): string {
  return `questionnaire-reassessments:${version}`;
}

export interface QuestionnaireReassessmentsInput {
  versionId: string;
  version: string;
}

/** The hash-chained audit stream of questionnaire versions (drafts, submissions, publications). */
export const QUESTIONNAIRE_AUDIT_STREAM = 'questionnaire';

/** One stream per system for its re-assessment requests (requested, overdue, escalated, closed). */
export function reassessmentAuditStream(systemId: string): string {
  return `reassessment:${systemId}`;
}

export interface QuestionnairePublicationInput {
  versionId: string;
  version: string;
  round: number;
  submittedById: string;
  /** everyone who saved the draft: none of them is asked, and the validators refuse them */
  editorIds: string[];
}

export interface QuestionnairePublicationResult {
  outcome: ApprovalRoundOutcome;
  reason: string | null;
  sha256: string | null;
  /** re-assessments asked for (0 when not published or when no system's tier could change) */
  requests: number;
}

/** Where the re-assessments stand, with the time to each next step measured by the activity's clock. */
export interface ReassessmentProgress {
  open: number;
  /** until the reminder (null: the due date came too soon for one) */
  remindInMs: number | null;
  dueInMs: number;
  escalateInMs: number;
}

/** `prohibited`: a request answered with a prohibited practice, reported to the governance office at once. */
export type ReassessmentNoticeKind = 'request' | 'reminder' | 'overdue' | 'escalation' | 'prohibited';

export interface QuestionnairePublicationActivities {
  /**
   * Approved: freezes the version (canonical JSON, SHA-256), makes it current and supersedes the
   * previous one, supersedes the open requests of earlier versions, re-evaluates every live
   * system and asks the owners of those whose tier could change, due at the requested date or
   * the policy's `dueWithin`. Otherwise the draft is editable again. Audited; idempotent per
   * (version, round).
   */
  applyQuestionnairePublicationOutcome(input: { versionId: string; round: number; outcome: ApprovalRoundOutcome; reason: string | null }): Promise<{
    published: boolean;
    sha256: string | null;
    requests: number;
  }>;
  /** Closes requests settled meanwhile (assessed on the version some other way, system out of service) and counts the rest. */
  reassessmentProgress(input: { versionId: string }): Promise<ReassessmentProgress>;
  /**
   * Sends one kind of notice for the open requests that have not had it, up to `owners` owners
   * (or escalation recipients) per call; `remaining` > 0 asks for another call. Idempotent per
   * (version, kind, recipient).
   */
  sendReassessmentNotices(input: { versionId: string; kind: ReassessmentNoticeKind; owners: number }): Promise<{ sent: number; remaining: number }>;
}

/**
 * Sent by the API when an answer finds a prohibited practice (reported to the governance office
 * at once) or closes the version's last open request (the workflow ends instead of waiting for
 * its next timer). Losing a signal costs only that wait: the next timer reports and counts too.
 */
export const reassessmentClosedSignal = defineSignal<[]>('reassessmentClosed');
