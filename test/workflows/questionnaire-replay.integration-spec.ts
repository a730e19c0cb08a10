import { historyEvents, loadHistory, replayFailures } from './history-replay';

/** Committed histories of the questionnaire's workflows and of a lifecycle that recorded a re-assessment. */
const HISTORIES = {
  publication: 'questionnaire-publication-approved',
  followUp: 'questionnaire-reassessments-reminded-overdue-escalated',
  lifecycle: 'lifecycle-reassessment-recorded',
} as const;

type Event = Record<string, any>;

function events(name: string): Event[] {
  return historyEvents(`${name}.json`);
}

const decoded = (payload: { data?: string }) => Buffer.from(payload.data ?? '', 'base64').toString('utf8');

/**
 * The questionnaire's workflows replayed from histories recorded on the real stack
 * (test/integration/questionnaire, RECORD_HISTORIES=1): a later change to their code that
 * alters the commands fails here before it can break a running publication. The histories are
 * also checked for what they prove: the publication ran its approval round and started the
 * follow-up as an abandoned child; the follow-up waited on durable timers for the reminder, the
 * due date and the escalation, sending each kind of notice; the lifecycle took the new
 * `recordReassessment` Update.
 */
describe('questionnaire workflows replay', () => {
  it('recorded the publication: approval round, outcome applied, follow-up started and left running', () => {
    const history = events(HISTORIES.publication);
    expect(history[0].workflowExecutionStartedEventAttributes.workflowType.name).toBe('questionnairePublication');
    const children = history.filter((e) => e.eventType === 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED').map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
    expect(children.map((c) => c.workflowType.name)).toEqual(['approvalRequest', 'questionnaireReassessments']);
    expect(children[1].parentClosePolicy).toBe('PARENT_CLOSE_POLICY_ABANDON');
    const activities = history.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED').map((e) => e.activityTaskScheduledEventAttributes.activityType.name);
    expect(activities).toEqual(['applyQuestionnairePublicationOutcome']);
  });

  it('recorded the follow-up: timers for the reminder, the due date and the escalation, and every kind of notice', () => {
    const history = events(HISTORIES.followUp);
    expect(history[0].workflowExecutionStartedEventAttributes.workflowType.name).toBe('questionnaireReassessments');
    expect(history.filter((e) => e.eventType === 'EVENT_TYPE_TIMER_STARTED').length).toBeGreaterThanOrEqual(3);
    const kinds = history
      .filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' && e.activityTaskScheduledEventAttributes.activityType.name === 'sendReassessmentNotices')
      .map((e) => JSON.parse(decoded(e.activityTaskScheduledEventAttributes.input.payloads[0])).kind);
    expect([...new Set(kinds)].sort()).toEqual(['escalation', 'overdue', 'prohibited', 'reminder', 'request']);
    expect(history.some((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED' && e.workflowExecutionSignaledEventAttributes.signalName === 'reassessmentClosed')).toBe(true);
    expect(history.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  });

  it('recorded a lifecycle that took the recordReassessment Update', () => {
    const history = events(HISTORIES.lifecycle);
    const updates = history.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED').map((e) => e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.name);
    expect(updates).toContain('recordReassessment');
  });

  it('replays all three with the current workflow code', async () => {
    expect(await replayFailures(Object.values(HISTORIES).map((name) => loadHistory(`${name}.json`)))).toEqual([]);
  });
});
