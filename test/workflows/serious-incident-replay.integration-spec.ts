import { readdirSync } from 'node:fs';
import { HISTORY_DIR } from './history-recorder';
import { historyEvents, loadHistory, replayFailures } from './history-replay';

/**
 * The serious incident clock's committed histories (recorded by
 * test/integration/incidents/serious-incident-clock.integration-spec.ts with RECORD_HISTORIES=1)
 * replay against the current workflow code: its timers, reminders, escalation, missed deadline,
 * reclassifications and submissions keep their command order. The general replay test runs
 * them too; this one fails by name when they are missing.
 */
describe('serious incident clock replay', () => {
  const files = readdirSync(HISTORY_DIR).filter((f) => f.startsWith('serious-incident-clock-') && f.endsWith('.json'));
  const workflowType = (file: string) => historyEvents(file)[0].workflowExecutionStartedEventAttributes.workflowType.name;

  it('has histories of a missed deadline, a submission in time and a reclassification', () => {
    expect(files.sort()).toEqual(['serious-incident-clock-missed-then-late.json', 'serious-incident-clock-reclassified.json', 'serious-incident-clock-submitted-in-time.json']);
    for (const file of files) expect(workflowType(file)).toBe('seriousIncidentClock');
  });

  it('replays each without a determinism error', async () => {
    expect(await replayFailures(files.map(loadHistory))).toEqual([]);
  });
});
