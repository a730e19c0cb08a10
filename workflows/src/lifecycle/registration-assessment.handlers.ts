import { setHandler } from '@temporalio/workflow';
import type { AppliedChange } from '../activity.contracts';
import { submitForAssessmentUpdate, submitImpactAssessmentUpdate } from '../lifecycle.definitions';
import type { AiSystemRegistration, Actor } from '../lifecycle.types';
import { badRequest } from '../refusal';
import { startChangeRound } from './approval-rounds';
import type { LifecycleContext } from './lifecycle-context';
import { answersProblem, assessAnswers } from './assessment-rules';
import { installReassessmentHandler } from './reassessment.handlers';

/**
 * Queues the registration as change 1. The caller does this before any handler exists: an
 * Update delivered with the start (the API's sync right after starting) must find it as
 * change 1, not overtake it.
 */
export function queueRegistration(ctx: LifecycleContext, registration: AiSystemRegistration & { createdBy: Actor }): Promise<AppliedChange> {
  return ctx.persist({
    transition: { action: 'registered', from: null, to: 'design', reason: null },
    actor: registration.createdBy,
    projection: { stage: 'design' },
    registration,
    audit: [
      ctx.audit('ai_system.registered', registration.createdBy, {
        name: registration.name,
        accountableOwnerId: registration.accountableOwnerId,
      }),
    ],
  });
}

/**
 * design -> impact_assessment -> approval (or rejected): submitting for assessment and the
 * impact assessment itself. An assessment of an open material change starts the change's own
 * approval round beside operation instead of moving the stage.
 */
export function installAssessmentHandlers(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    submitForAssessmentUpdate,
    async (actor) => {
      state.submittedById = actor.userId;
      await ctx.transition('submit_for_assessment', actor, null, { projection: { submittedById: actor.userId } });
      return ctx.view();
    },
    { validator: (_actor) => ctx.requireAction('submit_for_assessment') },
  );

  setHandler(
    submitImpactAssessmentUpdate,
    async ({ actor, templateVersion, answers, questionnaire }) => {
      const result = assessAnswers(answers, questionnaire);
      const version = ++state.assessmentVersion;
      const assessment = {
        version,
        templateVersion,
        answers,
        riskTier: result.riskTier,
        reasons: result.reasons,
        submittedById: actor.userId,
      };
      const assessed = ctx.audit('impact_assessment.submitted', actor, { version, riskTier: result.riskTier, reasons: result.reasons.map((r) => r.code) });
      const projection = { riskTier: result.riskTier, riskReasons: result.reasons };
      const change = state.change?.status === 'assessment' ? state.change : null;
      // A refused change leaves the approved version running under its own tier: the workflow's
      // tier stays too (it sizes the next review and round; 'prohibited' has no policy). Only
      // state changes here, never a command, so histories replay alike.
      if (!(change && result.riskTier === 'prohibited')) {
        state.riskTier = result.riskTier;
        state.riskReasons = result.reasons;
      }
      if (change && result.riskTier === 'prohibited') {
        // The change is refused; the approved version keeps running under its own assessment.
        change.status = 'rejected';
        state.change = null;
        await ctx.persist({
          transition: null,
          actor,
          projection: {},
          assessment,
          materialChangeUpdate: { id: change.id, status: 'rejected', assessmentVersion: version },
          audit: [assessed, ctx.audit('material_change.rejected', actor, { changeId: change.id, reason: 'the re-assessment found a prohibited practice' })],
        });
      } else if (change) {
        state.approvalRound += 1;
        change.status = 'approval';
        change.round = state.approvalRound;
        change.assessedById = actor.userId;
        await ctx.persist({
          transition: null,
          actor,
          assessment,
          projection: { ...projection, approvalRound: state.approvalRound },
          materialChangeUpdate: { id: change.id, status: 'approval', assessmentVersion: version, approvalRound: state.approvalRound },
          audit: [assessed, ctx.audit('approval.round_requested', null, { round: state.approvalRound, riskTier: result.riskTier, changeId: change.id })],
        });
        startChangeRound(ctx);
      } else if (result.riskTier === 'prohibited') {
        await ctx.transition('assessment_prohibited', actor, 'the impact assessment found a prohibited practice', {
          assessment,
          projection,
          audit: [assessed],
        });
      } else {
        state.approvalRound += 1;
        await ctx.transition('assessment_completed', actor, `risk tier ${result.riskTier}`, {
          assessment,
          projection: { ...projection, approvalRound: state.approvalRound },
          audit: [assessed, ctx.audit('approval.round_requested', null, { round: state.approvalRound, riskTier: result.riskTier })],
        });
      }
      return { version, riskTier: result.riskTier, reasons: result.reasons, view: ctx.view() };
    },
    {
      validator: ({ answers, questionnaire }) => {
        if (state.change?.status !== 'assessment') ctx.requireAction('assessment_completed');
        const problem = answersProblem(answers, questionnaire);
        if (problem) badRequest(problem.reason, problem.field);
      },
    },
  );

  installReassessmentHandler(ctx);
}
