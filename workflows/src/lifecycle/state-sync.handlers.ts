import { condition, setHandler } from '@temporalio/workflow';
import { awaitApprovalSettledUpdate, lifecycleStateQuery, syncUpdate } from '../lifecycle.definitions';
import { badRequest } from '../refusal';
import type { LifecycleContext } from './lifecycle-context';

/**
 * Reads: the state query, and two Updates that change nothing but answer once the read model
 * has caught up (after every change, or after an approval round's outcome), so the API can
 * answer from PostgreSQL right after.
 */
export function installStateSyncHandlers(ctx: LifecycleContext): void {
  const { state } = ctx;

  setHandler(lifecycleStateQuery, ctx.view);

  setHandler(syncUpdate, async () => {
    await condition(() => ctx.persistedSeq >= state.seq);
    return ctx.view();
  });

  setHandler(
    awaitApprovalSettledUpdate,
    async (round) => {
      await condition(() => state.settledRound >= round && ctx.persistedSeq >= state.seq);
      return ctx.view();
    },
    {
      validator: (round) => {
        if (!Number.isInteger(round) || round < 1 || round > state.approvalRound) {
          badRequest(`approval round ${round} does not exist`, 'round');
        }
      },
    },
  );
}
