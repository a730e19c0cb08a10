import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { isActionAllowed } from '@aigov/domain/lifecycle-transition.table';
import { isMaterialChangeOpen, type MaterialChangeStatus } from '@aigov/domain/material-change';
import { MONITORED_STAGES } from '@aigov/domain/monitoring-event';

/**
 * What the accountable owner (or the governance office) can do to a system now, named by the
 * request that does it, so a screen offers only those. The workflow's validators stay the
 * judge: this reads the same transition table and material-change rules, and a request that
 * races a stage change still gets its 409.
 */
export const AI_SYSTEM_ACTIONS = [
  'submit_for_assessment',
  'assess',
  'deploy',
  'propose_change',
  'withdraw_change',
  'rollback',
  'record_monitoring_event',
  'start_retirement',
  'complete_checklist_item',
] as const;
export type AiSystemAction = (typeof AI_SYSTEM_ACTIONS)[number];

export interface ActionState {
  stage: LifecycleStage;
  /** the open material change's status, if one is open */
  changeStatus: MaterialChangeStatus | null;
  /** checklist items still to do, in stage retirement */
  checklistOpen: number;
}

export function availableActions({ stage, changeStatus, checklistOpen }: ActionState): AiSystemAction[] {
  const openChange = changeStatus !== null && isMaterialChangeOpen(changeStatus);
  const can: Record<AiSystemAction, boolean> = {
    submit_for_assessment: isActionAllowed(stage, 'submit_for_assessment'),
    // the first assessment in its stage, or the re-assessment of a proposed change beside operation
    assess: isActionAllowed(stage, 'assessment_completed') || changeStatus === 'assessment',
    deploy: isActionAllowed(stage, 'deploy') || (stage === 'operation' && changeStatus === 'approved'),
    propose_change: (stage === 'operation' || stage === 'periodic_review') && !openChange,
    withdraw_change: openChange,
    rollback: isActionAllowed(stage, 'rollback'),
    record_monitoring_event: (MONITORED_STAGES as readonly LifecycleStage[]).includes(stage),
    start_retirement: isActionAllowed(stage, 'retire'),
    complete_checklist_item: stage === 'retirement' && checklistOpen > 0,
  };
  return AI_SYSTEM_ACTIONS.filter((action) => can[action]);
}
