import fc from 'fast-check';
import { LIFECYCLE_STAGES, LifecycleStage, TERMINAL_STAGES } from './lifecycle-stage';
import {
  allowedActions,
  isActionAllowed,
  LIFECYCLE_ACTIONS,
  LIFECYCLE_TRANSITIONS,
  nextStage,
  TransitionNotAllowedError,
} from './lifecycle-transition.table';

describe('lifecycle transition table', () => {
  it.each([
    ['design', 'submit_for_assessment', 'impact_assessment'],
    ['impact_assessment', 'assessment_prohibited', 'rejected'],
    ['impact_assessment', 'assessment_completed', 'approval'],
    ['approval', 'approval_granted', 'deployment'],
    ['approval', 'approval_rejected', 'rejected'],
    ['approval', 'approval_changes_requested', 'design'],
    ['approval', 'approval_expired', 'design'],
    ['approval', 'approval_no_eligible_approvers', 'design'],
    ['approval', 'approval_withdrawn', 'design'],
    ['deployment', 'deploy', 'operation'],
    ['rollback', 'deploy', 'operation'],
    ['operation', 'review_due', 'periodic_review'],
    ['operation', 'critical_event', 'periodic_review'],
    ['periodic_review', 'review_continue', 'operation'],
    ['periodic_review', 'review_rollback', 'rollback'],
    ['periodic_review', 'review_retire', 'retirement'],
    ['operation', 'rollback', 'rollback'],
    ['rollback', 'retire', 'retirement'],
    ['retirement', 'retirement_completed', 'retired'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(isActionAllowed(from, action)).toBe(true);
    expect(nextStage(from, action)).toBe(to);
  });

  it('refuses what the stage does not allow, naming the stage and the allowed ones', () => {
    expect(() => nextStage('design', 'deploy')).toThrow(TransitionNotAllowedError);
    expect(() => nextStage('design', 'deploy')).toThrow("action 'deploy' is not allowed in stage 'design'; it is allowed only in: deployment, rollback");
    expect(() => nextStage('approval', 'submit_for_assessment')).toThrow(TransitionNotAllowedError);
    expect(() => nextStage('impact_assessment', 'approval_granted')).toThrow(TransitionNotAllowedError);
  });

  it('has no way out of a terminal stage', () => {
    for (const stage of TERMINAL_STAGES) expect(allowedActions(stage)).toEqual([]);
  });

  it('only leads to known stages, and every stage but design is the target of some action', () => {
    const targets = new Set(Object.values(LIFECYCLE_TRANSITIONS).map((t) => t.to));
    for (const t of targets) expect(LIFECYCLE_STAGES).toContain(t);
    for (const stage of LIFECYCLE_STAGES) if (stage !== 'design') expect(targets).toContain(stage);
  });

  it('reaches retired from design through allowed actions only (every stage is reachable)', () => {
    const reached = new Set<LifecycleStage>(['design']);
    let frontier: LifecycleStage[] = ['design'];
    while (frontier.length) {
      frontier = frontier.flatMap((s) => allowedActions(s).map((a) => nextStage(s, a))).filter((s) => !reached.has(s));
      frontier.forEach((s) => reached.add(s));
    }
    expect([...reached].sort()).toEqual([...LIFECYCLE_STAGES].sort());
  });

  it('any random walk of allowed actions stays inside the table and stops only at retired', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (choices) => {
        let stage: LifecycleStage = 'design';
        for (const c of choices) {
          const options = allowedActions(stage);
          if (options.length === 0) {
            expect(stage).toBe('retired');
            return;
          }
          const action = options[c % options.length];
          stage = nextStage(stage, action);
        }
      }),
    );
  });

  it('agrees between isActionAllowed and nextStage for every pair', () => {
    for (const stage of LIFECYCLE_STAGES) {
      for (const action of LIFECYCLE_ACTIONS) {
        if (isActionAllowed(stage, action)) expect(nextStage(stage, action)).toBe(LIFECYCLE_TRANSITIONS[action].to);
        else expect(() => nextStage(stage, action)).toThrow(TransitionNotAllowedError);
      }
    }
  });
});
