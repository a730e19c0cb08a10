import { SecretShownOnce } from '../../components/SecretShownOnce';
import './source-secret.css';

/** The MLflow events the receiver acts on, as create_webhook names them. */
const MLFLOW_EVENTS = ['model_version.created', 'model_version_alias.created', 'model_version_alias.deleted'];

/** A webhook source's new signing secret, with the address the monitoring tool (or MLflow) delivers to. */
export function SourceSecret({ title, secret, deliveryPath, kind, onDone }: { title: string; secret: string; deliveryPath: string; kind: string; onDone: () => void }) {
  const address = `${window.location.origin}${deliveryPath}`;
  if (kind === 'mlflow') {
    return (
      <SecretShownOnce title={title} label="Signing secret" secret={secret} copyLabel="Copy the secret" onDone={onDone}>
        <div className="source-secret">
          <p>
            Create the webhook in MLflow (3.3 or later, SQL backend) with this secret and the delivery address below. It is shown only this once: copy it now. MLflow
            signs each delivery with it (headers X-MLflow-Delivery-Id, X-MLflow-Timestamp and X-MLflow-Signature).
          </p>
          <p>
            Delivery address: <code>{address}</code>
          </p>
          <pre className="source-secret__code">
            {`MlflowClient().create_webhook(\n    name="ai-governance",\n    url="${address}",\n    events=[${MLFLOW_EVENTS.map((e) => `"${e}"`).join(', ')}],\n    secret="<the secret>",\n)`}
          </pre>
        </div>
      </SecretShownOnce>
    );
  }
  return (
    <SecretShownOnce title={title} label="Signing secret" secret={secret} copyLabel="Copy the secret" onDone={onDone}>
      <p>
        Give the monitoring tool this signing secret and the delivery address below. It is shown only this once: copy it now. The tool signs each delivery in the
        Standard Webhooks scheme (headers webhook-id, webhook-timestamp and webhook-signature).
      </p>
      <p>
        Delivery address: <code>{address}</code>
      </p>
    </SecretShownOnce>
  );
}
