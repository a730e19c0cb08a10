import { SecretShownOnce } from '../../components/SecretShownOnce';

/** A subscription's new signing secret: the receiver verifies deliveries with it. */
export function SubscriptionSecret({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <SecretShownOnce title={title} label="Signing secret" secret={secret} copyLabel="Copy the secret" onDone={onDone}>
      <p>
        Give the receiving endpoint this signing secret. It is shown only this once: copy it now. Each delivery is signed in the Standard Webhooks scheme (headers
        webhook-id, webhook-timestamp and webhook-signature); verify it with any Standard Webhooks library.
      </p>
    </SecretShownOnce>
  );
}
