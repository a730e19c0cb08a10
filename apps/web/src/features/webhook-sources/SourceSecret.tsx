import { SecretShownOnce } from '../../components/SecretShownOnce';

/** A webhook source's new signing secret, with the address the monitoring tool delivers to. */
export function SourceSecret({ title, secret, deliveryPath, onDone }: { title: string; secret: string; deliveryPath: string; onDone: () => void }) {
  return (
    <SecretShownOnce title={title} label="Signing secret" secret={secret} copyLabel="Copy the secret" onDone={onDone}>
      <p>
        Give the monitoring tool this signing secret and the delivery address below. It is shown only this once: copy it now. The tool signs each delivery in the
        Standard Webhooks scheme (headers webhook-id, webhook-timestamp and webhook-signature).
      </p>
      <p>
        Delivery address: <code>{`${window.location.origin}${deliveryPath}`}</code>
      </p>
    </SecretShownOnce>
  );
}
