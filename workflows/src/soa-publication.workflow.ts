import { executeChild, proxyActivities } from '@temporalio/workflow';
import type { ApprovalSubject } from '@aigov/domain/approval-subject';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { approvalRequest } from './approval-request.workflow';
import type { SoaPublicationActivities, SoaPublicationInput, SoaPublicationResult } from './soa-publication.contracts';

const activities = proxyActivities<SoaPublicationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One publication of a Statement of Applicability version: its approval round (the policy's
 * `soa` section, whoever edited the draft excluded), then the outcome applied: frozen and
 * current when approved, editable again otherwise.
 */
export async function soaPublication(input: SoaPublicationInput): Promise<SoaPublicationResult> {
  const subject: ApprovalSubject = { kind: 'soa', id: input.versionId, label: `Statement of Applicability version ${input.version}` };
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
  const applied = await activities.applySoaPublicationOutcome({ versionId: input.versionId, round: input.round, outcome: round.outcome, reason: round.reason });
  return { outcome: round.outcome, reason: round.reason, sha256: applied.sha256 };
}
