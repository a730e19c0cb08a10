import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { pdcaItemWorkflowId } from '@aigov/temporal/workflow-ids';
import { activities } from './activity-options';
import { pdcaItem } from './pdca-item.workflow';
import type { ModelRegistryNoticeInput } from './model-registry-notice.types';

/**
 * What a model registry event asks of people (id `model-registry-notice:<registry event id>`, so
 * a retried start is the same notice): for an alias pointed at a version never approved, the
 * incident review (a PDCA nonconformity for the owner, unless the lifecycle already opened one
 * when the tier's policy rolled back or suspended) and a mail to the owner and the governance
 * office; for a new version, a mail asking the owner to complete or dismiss the proposal. The mail
 * is keyed by the event, so a retried activity sends nobody a second copy.
 */
export async function modelRegistryNotice(input: ModelRegistryNoticeInput): Promise<void> {
  if (input.incidentReview) {
    const review = input.incidentReview;
    await startChild(pdcaItem, {
      workflowId: pdcaItemWorkflowId(review.itemId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          itemId: review.itemId,
          kind: 'nonconformity',
          title: review.title,
          description: review.description,
          aiSystemId: input.systemId,
          source: { type: 'incident', id: review.sourceId },
          ownerId: input.ownerId,
          due: { within: review.dueWithin },
          createdBy: null,
        },
      ],
    });
  }
  await activities.notify({
    key: `model-registry:${input.eventId}`,
    recipients: {
      userIds: [input.ownerId],
      ...(input.toGovernanceOffice ? { selector: { roles: ['governance_office'], users: [], relations: [] } } : {}),
    },
    systemId: input.systemId,
    subject: input.subject,
    text: input.text,
  });
}
