import { LIFECYCLE_STAGES, type LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { availableActions, type ActionState } from './available-actions';

const at = (stage: LifecycleStage, more: Partial<ActionState> = {}) => availableActions({ stage, changeStatus: null, checklistOpen: 0, ...more });

describe('availableActions', () => {
  it('offers each stage its own actions, and nothing once retired', () => {
    expect(at('design')).toEqual(['submit_for_assessment', 'start_retirement']);
    expect(at('impact_assessment')).toEqual(['assess']);
    expect(at('approval')).toEqual([]);
    expect(at('deployment')).toEqual(['deploy', 'start_retirement']);
    expect(at('operation')).toEqual(['propose_change', 'rollback', 'record_monitoring_event', 'start_retirement']);
    expect(at('periodic_review')).toEqual(['propose_change', 'rollback', 'record_monitoring_event', 'start_retirement']);
    expect(at('rollback')).toEqual(['deploy', 'start_retirement']);
    expect(at('rejected')).toEqual(['start_retirement']);
    expect(at('retired')).toEqual([]);
  });

  it('follows an open material change: re-assess it, then deploy it from operation; one change at a time', () => {
    expect(at('operation', { changeStatus: 'assessment' })).toEqual(['assess', 'withdraw_change', 'rollback', 'record_monitoring_event', 'start_retirement']);
    expect(at('operation', { changeStatus: 'approval' })).toEqual(['withdraw_change', 'rollback', 'record_monitoring_event', 'start_retirement']);
    expect(at('operation', { changeStatus: 'approved' })).toEqual(['deploy', 'withdraw_change', 'rollback', 'record_monitoring_event', 'start_retirement']);
    // a closed change blocks nothing
    expect(at('operation', { changeStatus: 'deployed' })).toEqual(at('operation'));
    // the approved change deploys from operation only; in review the old version is judged first
    expect(at('periodic_review', { changeStatus: 'approved' })).not.toContain('deploy');
  });

  it('offers the checklist in retirement while items remain', () => {
    expect(at('retirement', { checklistOpen: 2 })).toEqual(['complete_checklist_item']);
    expect(at('retirement', { checklistOpen: 0 })).toEqual([]);
  });

  it('never offers an action outside the stages the transition table allows it in', () => {
    for (const stage of LIFECYCLE_STAGES) {
      const actions = at(stage);
      if (actions.includes('submit_for_assessment')) expect(stage).toBe('design');
      if (actions.includes('deploy')) expect(['deployment', 'rollback']).toContain(stage);
      if (actions.includes('rollback')) expect(['operation', 'periodic_review']).toContain(stage);
    }
  });
});
