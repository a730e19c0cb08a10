import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import { pdcaItemWorkflowId } from '@aigov/temporal/workflow-ids';
import { pdcaItem } from './pdca-item.workflow';
import type { PdcaItemInput } from './pdca.types';

/**
 * Starts a PDCA item as an abandoned child, so it outlives the workflow that raised it (a
 * lifecycle run that continues as new, a review or audit that closes); returns the item's id.
 */
export async function startPdcaItem(item: Omit<PdcaItemInput, 'itemId'>): Promise<string> {
  const itemId = uuid4();
  await startChild(pdcaItem, {
    workflowId: pdcaItemWorkflowId(itemId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{ ...item, itemId }],
  });
  return itemId;
}
