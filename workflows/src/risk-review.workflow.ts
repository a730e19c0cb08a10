import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import type { GovernanceActivities } from './activity.contracts';
import { RISK_REVIEW_REMIND_BEFORE, RiskReviewActivities, RiskReviewScanInput } from './risk-review.contracts';

const activities = proxyActivities<RiskReviewActivities & Pick<GovernanceActivities, 'notify'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const BATCH = 200;

/**
 * One scan for risks due for review (started by the daily Schedule): each owner is mailed once
 * per review date. The mail is keyed by risk and review date, so a retried activity or an
 * overlapping scan sends nobody a second copy; the stamp then keeps later scans from asking again.
 */
export async function riskReviewScan(input: RiskReviewScanInput = {}): Promise<{ reminded: number }> {
  const remindBefore = isoDurationToApproxMs(input.remindBefore ?? RISK_REVIEW_REMIND_BEFORE);
  const dueBefore = new Date(workflowInfo().runStartTime.getTime() + remindBefore).toISOString();
  let reminded = 0;
  for (;;) {
    const due = await activities.findRisksDueForReview({ dueBefore, limit: BATCH });
    for (const risk of due) {
      await activities.notify({
        key: `risk-review:${risk.riskId}:${risk.nextReviewAt}`,
        recipients: { userIds: [risk.ownerId] },
        subject: `Risk review due: ${risk.title}`,
        text:
          `The risk "${risk.title}"${risk.currentRating ? ` (rated ${risk.currentRating})` : ''} is due for review on ${risk.nextReviewAt.slice(0, 10)}.\n` +
          `Review its ratings, treatment and controls, and set the next review date (PATCH /api/v1/risks/${risk.riskId}).`,
      });
      if (await activities.markRiskReviewReminded({ riskId: risk.riskId, nextReviewAt: risk.nextReviewAt })) reminded += 1;
    }
    if (due.length < BATCH) return { reminded };
  }
}
