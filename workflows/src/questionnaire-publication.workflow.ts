import { condition, executeChild, ParentClosePolicy, proxyActivities, RetryPolicy, setHandler, startChild } from '@temporalio/workflow';
import type { ApprovalSubject } from '@aigov/domain/approval-subject';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { approvalRequest } from './approval-request.workflow';
import {
  QuestionnairePublicationActivities,
  QuestionnairePublicationInput,
  QuestionnairePublicationResult,
  QuestionnaireReassessmentsInput,
  questionnaireReassessmentsWorkflowId,
  ReassessmentNoticeKind,
  reassessmentClosedSignal,
} from './questionnaire-publication.contracts';

/** Idempotent activities retry without limit: an outage delays the follow-up, never loses a step. */
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/** Publication re-evaluates every live system and writes a request per affected one: minutes at 10,000 systems. */
const publication = proxyActivities<Pick<QuestionnairePublicationActivities, 'applyQuestionnairePublicationOutcome'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry,
});

const progress = proxyActivities<Pick<QuestionnairePublicationActivities, 'reassessmentProgress'>>({ startToCloseTimeout: '1 minute', retry });

/** A batch of notices talks to SMTP; it heartbeats per mail so a worker that dies mid-batch is noticed in seconds. */
const notices = proxyActivities<Pick<QuestionnairePublicationActivities, 'sendReassessmentNotices'>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry,
});

/**
 * Past the escalation, what is still open stays on the overdue list until answered; the
 * workflow looks again this often (and whenever the API signals), so a request closed by a
 * newer version or a retirement ends it too. A few events a week: the history stays small.
 */
const AFTER_ESCALATION_CHECK_MS = 7 * 24 * 3600 * 1000;

/** Owners (or escalation recipients) mailed per activity call: bounded calls, bounded history per call. */
const OWNERS_PER_CALL = 100;

async function sendAll(versionId: string, kind: ReassessmentNoticeKind): Promise<void> {
  for (;;) {
    const { remaining } = await notices.sendReassessmentNotices({ versionId, kind, owners: OWNERS_PER_CALL });
    if (remaining === 0) return;
  }
}

/**
 * One publication of a questionnaire version: its approval round (the policy's
 * `questionnaire.approval`; whoever drafted the version is neither asked nor allowed to
 * approve), then the outcome applied: frozen, hashed and in force, with a re-assessment asked
 * of the owner of every live system whose tier the version could change; or the draft handed
 * back. It ends there (the approver's decision waits for it); the re-assessments are followed
 * by `questionnaireReassessments`, started as a child it leaves running.
 */
export async function questionnairePublication(input: QuestionnairePublicationInput): Promise<QuestionnairePublicationResult> {
  const subject: ApprovalSubject = { kind: 'questionnaire', id: input.versionId, label: `Impact assessment questionnaire version ${input.version}` };
  const round = await executeChild(approvalRequest, {
    workflowId: subjectApprovalWorkflowId(subject, input.round),
    args: [
      {
        systemId: null,
        round: input.round,
        riskTier: null,
        submittedById: input.submittedById,
        ownerId: null,
        subject,
        conflicts: input.editorIds.map((id) => ({ id, reason: 'document_editor' as const })),
      },
    ],
  });
  const applied = await publication.applyQuestionnairePublicationOutcome({ versionId: input.versionId, round: input.round, outcome: round.outcome, reason: round.reason });
  if (applied.published && applied.requests > 0) {
    const followUp: QuestionnaireReassessmentsInput = { versionId: input.versionId, version: input.version };
    await startChild(questionnaireReassessments, {
      workflowId: questionnaireReassessmentsWorkflowId(input.version),
      args: [followUp],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return { outcome: round.outcome, reason: round.reason, sha256: applied.sha256, requests: applied.requests };
}

/**
 * The re-assessments a published version asked for, followed on durable timers: the request to
 * each owner, a reminder `remindBefore` the due date, an overdue notice when it passes, the
 * escalation `escalateAfterDue` later; each timer's length measured by an activity (no clock in
 * workflow code). The API signals a prohibited finding (the governance office hears at once) and
 * the last answer (the workflow ends instead of sleeping on); past the escalation it looks again
 * weekly until every request is closed. The systems keep running on their approved version and
 * tier throughout.
 */
export async function questionnaireReassessments(input: QuestionnaireReassessmentsInput): Promise<{ requestsOpenAtEnd: number }> {
  let closed = false;
  setHandler(reassessmentClosedSignal, () => {
    closed = true;
  });

  await sendAll(input.versionId, 'request');
  for (const step of ['reminder', 'overdue', 'escalation', 'after_escalation'] as const) {
    for (;;) {
      const p = await progress.reassessmentProgress({ versionId: input.versionId });
      await sendAll(input.versionId, 'prohibited');
      if (p.open === 0) return { requestsOpenAtEnd: 0 };
      const wait = step === 'reminder' ? p.remindInMs : step === 'overdue' ? p.dueInMs : step === 'escalation' ? p.escalateInMs : AFTER_ESCALATION_CHECK_MS;
      // No time for a reminder before the due date, or the due date has already passed: no reminder.
      if (step === 'reminder' && (wait === null || p.dueInMs <= 0)) break;
      if (step !== 'after_escalation' && (wait === null || wait <= 0)) {
        await sendAll(input.versionId, step);
        break;
      }
      closed = false;
      // Woken by the timer (the loop measures again and sends) or by the API's signal (a request closed).
      await condition(() => closed, wait ?? AFTER_ESCALATION_CHECK_MS);
    }
  }
  return { requestsOpenAtEnd: 0 };
}
