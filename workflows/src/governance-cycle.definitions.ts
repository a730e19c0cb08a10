import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AuditReportInput, GovernanceCycleView, ManagementMinutesInput } from './governance-cycle.types';

export const recordManagementMinutesUpdate = defineUpdate<GovernanceCycleView, [ManagementMinutesInput]>('recordManagementMinutes');
export const completeInternalAuditUpdate = defineUpdate<GovernanceCycleView, [AuditReportInput]>('completeInternalAudit');
export const governanceCycleQuery = defineQuery<GovernanceCycleView>('governanceCycleState');
