import { setHandler } from '@temporalio/workflow';
import { isReassessedStage, REASSESSED_STAGES } from '@aigov/domain/questionnaire/reassessment';
import { recordReassessmentUpdate } from '../lifecycle.definitions';
import { badRequest, conflict } from '../refusal';
import { answersProblem, assessAnswers } from './assessment-rules';
import type { LifecycleContext } from './lifecycle-context';

/**
 * A re-assessment on a newly published questionnaire version whose tier is the one in force:
 * recorded as the system's next assessment (its answers, the version they answered, the
 * reasons), with no approval round and no stage change; the system keeps running. A changed
 * tier is refused here: it goes through a material change (kind `reclassification`) and its
 * approval round, the existing path for a changed assessment.
 *
 * A new Update: histories recorded before it never call it, so nothing they replay changes.
 */
export function installReassessmentHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    recordReassessmentUpdate,
    async ({ actor, templateVersion, answers, questionnaire }) => {
      const result = assessAnswers(answers, questionnaire);
      const version = ++state.assessmentVersion;
      state.riskReasons = result.reasons;
      await ctx.persist({
        transition: null,
        actor,
        // The tier is unchanged; the reasons are the new version's (its wording, any new reason at the same tier).
        projection: { riskReasons: result.reasons },
        assessment: { version, templateVersion, answers, riskTier: result.riskTier, reasons: result.reasons, submittedById: actor.userId },
        audit: [
          ctx.audit('impact_assessment.reassessed', actor, {
            version,
            questionnaireVersion: templateVersion,
            riskTier: result.riskTier,
            reasons: result.reasons.map((r) => r.code),
          }),
        ],
      });
      return { version, riskTier: result.riskTier, reasons: result.reasons, view: ctx.view() };
    },
    {
      validator: ({ answers, questionnaire }) => {
        if (!isReassessedStage(state.stage)) {
          conflict(`a re-assessment is recorded for a system with a tier in force (${REASSESSED_STAGES.join(', ')}); the system is in '${state.stage}'`);
        }
        if (state.change) conflict(`material change ${state.change.id} is in '${state.change.status}': re-assess once it has deployed or closed`);
        const problem = answersProblem(answers, questionnaire);
        if (problem) badRequest(problem.reason, problem.field);
        const tier = assessAnswers(answers, questionnaire).riskTier;
        if (tier !== state.riskTier) {
          conflict(`these answers give tier '${tier}', not the '${state.riskTier}' in force: a changed tier is re-approved through a material change`, 'answers');
        }
      },
    },
  );
}
