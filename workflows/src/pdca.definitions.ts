import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PdcaCompleteInput, PdcaItemView, PdcaPlanInput, PdcaVerifyInput } from './pdca.types';

export const planPdcaItemUpdate = defineUpdate<PdcaItemView, [PdcaPlanInput]>('planPdcaItem');
export const completePdcaItemUpdate = defineUpdate<PdcaItemView, [PdcaCompleteInput]>('completePdcaItem');
export const verifyPdcaItemUpdate = defineUpdate<PdcaItemView, [PdcaVerifyInput]>('verifyPdcaItem');
/** Read-your-writes barrier, as for the lifecycle. */
export const syncPdcaItemUpdate = defineUpdate<PdcaItemView, []>('syncPdcaItem');
export const pdcaItemStateQuery = defineQuery<PdcaItemView>('pdcaItemState');
