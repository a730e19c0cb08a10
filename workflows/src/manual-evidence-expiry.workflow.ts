import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { MANUAL_EVIDENCE_REMIND_BEFORE } from '@aigov/domain/evidence/manual-evidence';
import type { GovernanceActivities } from './activity.contracts';
import type { ManualEvidenceExpiryActivities, ManualEvidenceExpiryScanInput, ManualEvidenceNoticeDue } from './manual-evidence-expiry.contracts';

const activities = proxyActivities<ManualEvidenceExpiryActivities & Pick<GovernanceActivities, 'notify'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const BATCH = 200;

function mailFor(item: ManualEvidenceNoticeDue) {
  const date = item.expiresAt.slice(0, 10);
  const what = `Replace it with a current version (PUT /api/v1/manual-evidence/${item.evidenceId}) or withdraw it (POST /api/v1/manual-evidence/${item.evidenceId}/withdrawal).`;
  if (item.notice === 'remind_owner') {
    return {
      recipients: { userIds: [item.ownerId] },
      subject: `Evidence expiring: ${item.title}`,
      text: `The evidence "${item.title}" expires on ${date}; after that it no longer counts for its controls.\n${what}`,
    };
  }
  return {
    recipients: { userIds: [item.ownerId], selector: { roles: ['governance_office' as const], users: [], relations: [] } },
    subject: `Evidence expired: ${item.title}`,
    text: `The evidence "${item.title}" expired on ${date}; its controls show attention (evidence_expired) until it is replaced.\n${what}`,
  };
}

/**
 * One scan for manual evidence notices (started by the daily Schedule). Each notice is claimed on
 * the item's row first (once per expiry date, so a second scan finds nothing to do, and an item
 * withdrawn or replaced since the query is skipped), then mailed under a key per item, expiry date
 * and kind, so a retried activity sends nobody a second copy.
 */
export async function manualEvidenceExpiryScan(input: ManualEvidenceExpiryScanInput = {}): Promise<{ reminded: number; escalated: number }> {
  const remindBefore = input.remindBefore ?? MANUAL_EVIDENCE_REMIND_BEFORE;
  const now = input.now ?? workflowInfo().runStartTime.toISOString();
  let { reminded = 0, escalated = 0 } = input;
  let after = input.after ?? null;
  for (;;) {
    const { due, next } = await activities.findManualEvidenceNoticesDue({ now, remindBefore, after, limit: BATCH });
    for (const item of due) {
      const claim = await activities.claimManualEvidenceNotice({ evidenceId: item.evidenceId, expiresAt: item.expiresAt, notice: item.notice, now, remindBefore });
      if (claim === 'gone') continue;
      // `already`: an earlier attempt of this claim committed; the keyed mail sends at most once.
      await activities.notify({ key: `manual-evidence:${item.evidenceId}:${item.expiresAt}:${item.notice}`, ...mailFor(item) });
      if (claim === 'claimed') {
        if (item.notice === 'remind_owner') reminded += 1;
        else escalated += 1;
      }
    }
    if (!next) return { reminded, escalated };
    after = next;
    if (workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof manualEvidenceExpiryScan>({ remindBefore, now, after, reminded, escalated });
    }
  }
}
