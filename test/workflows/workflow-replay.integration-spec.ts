import { readdirSync } from 'node:fs';
import { PATCH_LOCAL_DB_ACTIVITIES } from '@aigov/workflows/activity-options';
import { HISTORY_DIR } from './history-recorder';
import { historyEvents, loadHistory, replayFailures } from './history-replay';
import { randomBytes } from 'node:crypto';
import { newPayloadKeyEntry, parsePayloadKeys } from '@aigov/config/temporal-payload-keys';
import { PayloadEncryptionCodec } from '@aigov/temporal/payload-encryption.codec';
import { temporalDataConverter } from '@aigov/temporal/temporal-data-converter';

/**
 * Encrypts, in place, every payload the SDK's language side writes and reads through its codec:
 * inputs, results, Update and signal arguments, activity results. Markers (written by the SDK's
 * core) and headers stay as they are, as they do in a history recorded with encryption on.
 */
function encryptPayloads(node: unknown, codec: PayloadEncryptionCodec): number {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return 0;
  const candidate = node as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.data instanceof Uint8Array) {
    const encrypted = codec.encrypt({ metadata: candidate.metadata, data: candidate.data });
    candidate.metadata = encrypted.metadata!;
    candidate.data = encrypted.data!;
    return 1;
  }
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'markerRecordedEventAttributes' || key === 'header') continue;
    count += encryptPayloads(value, codec);
  }
  return count;
}

/**
 * Replays committed histories against the current workflow code: a non-deterministic change
 * (new command order, removed activity) fails here before it can break running workflows.
 */
describe('workflow determinism', () => {
  const files = readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  /** The patch ids a history recorded, and the kinds of activity it ran (by workflow type). */
  function summary(file: string): { workflowType: string; patches: Set<string>; localActivities: number; activities: number } {
    const events = historyEvents(file);
    const decoded = (payload: { data?: string }) => Buffer.from(payload.data ?? '', 'base64').toString('utf8');
    const markers = events.filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED').map((e) => e.markerRecordedEventAttributes);
    return {
      workflowType: events[0].workflowExecutionStartedEventAttributes.workflowType.name,
      patches: new Set(markers.filter((m) => m.markerName === 'core_patch').map((m) => JSON.parse(decoded(m.details['patch-data'].payloads[0])).id)),
      localActivities: markers.filter((m) => m.markerName === 'core_local_activity').length,
      activities: events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED').length,
    };
  }

  it.each(['aiSystemLifecycle', 'approvalRequest'])('replays both paths of the local database activities patch in %s', (workflowType) => {
    const histories = files.map(summary).filter((h) => h.workflowType === workflowType);
    // Recorded before the patch: ordinary activities, no marker; after it: the marker and local activities.
    expect(histories.some((h) => !h.patches.has(PATCH_LOCAL_DB_ACTIVITIES) && h.activities > 0 && h.localActivities === 0)).toBe(true);
    expect(histories.some((h) => h.patches.has(PATCH_LOCAL_DB_ACTIVITIES) && h.localActivities > 0)).toBe(true);
  });

  it('replays every recorded history without a determinism error', async () => {
    // The product's converter (replayFailures' default): its codec passes the committed (plain) histories through unchanged.
    expect(await replayFailures(files.map(loadHistory))).toEqual([]);
  });

  it('replays histories whose payloads are encrypted, with the product\'s data converter', async () => {
    const keys = parsePayloadKeys(newPayloadKeyEntry('replay', randomBytes));
    const codec = new PayloadEncryptionCodec(keys);
    const lifecycle = files.filter((file) => summary(file).workflowType === 'aiSystemLifecycle').slice(0, 2);
    expect(lifecycle.length).toBeGreaterThan(0);
    const histories = lifecycle.map((file) => {
      const loaded = loadHistory(file);
      expect(encryptPayloads(loaded.history.events, codec)).toBeGreaterThan(3);
      return loaded;
    });
    expect(await replayFailures(histories, temporalDataConverter(keys))).toEqual([]);
  });
});
