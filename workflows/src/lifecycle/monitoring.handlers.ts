import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { MONITORED_STAGES, startsImmediateReview } from '@aigov/domain/monitoring-event';
import { DEFAULT_MONITORING_THRESHOLDS, isAutomaticIntervention, MonitoringResponse } from '@aigov/domain/monitoring-response';
import { activities } from '../activity-options';
import { recordMonitoringEventUpdate } from '../lifecycle.definitions';
import { conflict } from '../refusal';
import type { LifecycleContext } from './lifecycle-context';
import { PATCH_MONITORING_THRESHOLDS } from './lifecycle-patches';
import { doRollback } from './rollback-retirement.handlers';

/**
 * Monitoring events of a running system. The risk tier's thresholds decide the response:
 * record it, open a review now, or roll back / suspend at once and open an incident review
 * (a PDCA nonconformity) for a person to decide what happens next.
 */
export function installMonitoringHandler(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(
    recordMonitoringEventUpdate,
    async ({ actor, ...event }) => {
      const eventId = uuid4();
      const monitoringEvent = { ...event, id: eventId };
      if (!patched(PATCH_MONITORING_THRESHOLDS)) {
        // Runs recorded before the tier thresholds: a critical event opens a review, anything else is recorded.
        const recorded = ctx.audit('monitoring_event.recorded', actor, { eventId, kind: event.kind, severity: event.severity, metric: event.metric });
        const reviewStarted = state.stage === 'operation' && startsImmediateReview(event.severity);
        if (reviewStarted) {
          await ctx.openReview('critical_event', `critical ${event.kind} event`, { monitoringEvent, actor, audit: [recorded] });
        } else {
          await ctx.persist({ transition: null, actor, projection: {}, audit: [recorded], monitoringEvent });
        }
        return { eventId, reviewStarted, response: reviewStarted ? 'review' : 'record', incidentItemId: null, view: ctx.view() };
      }
      // The tier's thresholds decide: record, review now, or roll back / suspend at once.
      const policy = state.riskTier && state.riskTier !== 'prohibited' ? await ctx.tierPolicy() : null;
      const response: MonitoringResponse = (policy?.monitoring ?? DEFAULT_MONITORING_THRESHOLDS)[event.severity];
      const recorded = ctx.audit('monitoring_event.recorded', actor, {
        eventId, kind: event.kind, severity: event.severity, metric: event.metric, observedValue: event.observedValue, threshold: event.threshold, response,
      });
      const what = `${event.severity} ${event.kind} event${event.metric ? ` on ${event.metric}` : ''}${
        event.observedValue !== null ? ` (observed ${event.observedValue}${event.threshold !== null ? `, threshold ${event.threshold}` : ''})` : ''
      }`;
      if (response === 'review' && state.stage === 'operation') {
        await ctx.openReview(event.severity === 'critical' ? 'critical_event' : 'monitoring_event', what, { monitoringEvent, actor, audit: [recorded] });
        return { eventId, reviewStarted: true, response, incidentItemId: null, view: ctx.view() };
      }
      if (isAutomaticIntervention(response) && (state.stage === 'operation' || state.stage === 'periodic_review')) {
        const target = response === 'rollback' ? ctx.rollbackTarget(null) : null;
        const from = state.currentVersion;
        const reason = target ? `automatic rollback to ${target} after a ${what}` : `automatic suspension after a ${what}`;
        await doRollback(ctx, 'rollback', actor, reason, target, undefined, { monitoringEvent, audit: [recorded], suspend: target === null });
        // A person decides what happens next: the incident review is a nonconformity with its own plan and check.
        const incidentItemId = await ctx.openPdcaItem({
          kind: 'nonconformity',
          title: `Incident review: ${what}`,
          description: `${reason}. Version ${from ?? 'none'} was taken out of service${target ? ` and ${target} restored` : ''}. Establish the root cause and decide whether to redeploy, remediate or retire.`,
          source: { type: 'incident', id: eventId },
          ownerId: state.ownerId,
          due: { within: policy?.review.dueWithin ?? 'P14D' },
          createdBy: actor,
        });
        await ctx.persist({ transition: null, actor, projection: {}, audit: [ctx.audit('incident_review.opened', actor, { eventId, pdcaItemId: incidentItemId, fromVersion: from, toVersion: target })] });
        await activities.notify({
          key: `incident:${eventId}`,
          recipients: { userIds: [state.ownerId], selector: { roles: ['governance_office'], users: [], relations: [] } },
          systemId: state.systemId,
          subject: target ? `Rolled back to ${target} after a ${event.severity} ${event.kind} event` : `Suspended after a ${event.severity} ${event.kind} event`,
          text: `${reason}.\n\nFrom version: ${from ?? 'none'}\nTo version: ${target ?? 'none (out of service)'}\nSource: ${event.source ?? 'not given'}\n${event.description ?? ''}\n\nAn incident review has been opened for the accountable owner; it needs a human decision.`,
        });
        return { eventId, reviewStarted: false, response, incidentItemId, view: ctx.view() };
      }
      await ctx.persist({ transition: null, actor, projection: {}, audit: [recorded], monitoringEvent });
      return { eventId, reviewStarted: false, response, incidentItemId: null, view: ctx.view() };
    },
    {
      validator: (_event) => {
        if (!(MONITORED_STAGES as readonly LifecycleStage[]).includes(state.stage)) {
          conflict(`monitoring events are accepted only in stages ${MONITORED_STAGES.join(', ')}; the system is in '${state.stage}'`);
        }
      },
    },
  );
}
