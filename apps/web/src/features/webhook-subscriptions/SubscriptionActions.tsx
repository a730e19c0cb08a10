import { useState } from 'react';
import { FormProblem } from '../../components/FormProblem';
import { useDeleteSubscription, useRotateSubscriptionSecret, useUpdateSubscription, type SubscriptionWithSecret, type WebhookSubscription } from './webhook-subscriptions-queries';

/** How long the old secret keeps signing beside the new one, so the receiver can switch without refusing a delivery. */
const ROTATION_OVERLAP_HOURS = 24;

/** Disable or enable, rotate the secret, delete (after a confirmation); the API refuses what the caller may not do. */
export function SubscriptionActions({ subscription: s, onRotated, onDeleted }: { subscription: WebhookSubscription; onRotated: (made: SubscriptionWithSecret) => void; onDeleted?: () => void }) {
  const update = useUpdateSubscription(s.id);
  const rotate = useRotateSubscriptionSecret(s.id);
  const remove = useDeleteSubscription(s.id);
  const [confirming, setConfirming] = useState(false);
  const name = s.description || s.url;
  return (
    <>
      <FormProblem error={update.error ?? rotate.error ?? remove.error} />
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={update.isPending}
        onClick={() => update.mutate({ active: !s.active })}
        aria-label={`${s.active ? 'Disable' : 'Enable'} ${name}`}
      >
        {s.active ? 'Disable' : 'Enable'}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={rotate.isPending}
        onClick={() => rotate.mutate(ROTATION_OVERLAP_HOURS, { onSuccess: onRotated })}
        aria-label={`Rotate secret of ${name}`}
      >
        Rotate secret
      </button>
      {confirming ? (
        <>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={remove.isPending}
            // mutateAsync, not mutate's callbacks: the refetch after the delete (404) may unmount this before they run
            onClick={() => void remove.mutateAsync(undefined).then(() => onDeleted?.(), () => undefined)}
            aria-label={`Yes, delete ${name} and its deliveries`}
          >
            Yes, delete
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
          Delete
        </button>
      )}
    </>
  );
}
