import { useId, useState } from 'react';

/**
 * A new signing secret, the only time it is shown: the sender needs it to sign, and the server
 * keeps it only encrypted and never returns it again. A copy button, and a status line that a
 * screen reader announces when the copy worked (or why it did not).
 */
export function SecretShownOnce({ title, secret, deliveryPath, onDone }: { title: string; secret: string; deliveryPath: string; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="panel panel--action" aria-labelledby="secret-title">
      <h2 id="secret-title">{title}</h2>
      <p>
        Give the monitoring tool this signing secret and the delivery address below. It is shown only this once: copy it now. The tool signs each delivery in the
        Standard Webhooks scheme (headers webhook-id, webhook-timestamp and webhook-signature).
      </p>
      <div className="field">
        <label htmlFor={`${id}-secret`} className="field__label">
          Signing secret
        </label>
        <input id={`${id}-secret`} className="input token" readOnly value={secret} spellCheck={false} onFocus={(e) => e.target.select()} />
      </div>
      <p>
        Delivery address: <code>{`${window.location.origin}${deliveryPath}`}</code>
      </p>
      <p role="status" className="panel__meta">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'The browser did not allow copying: select the secret and copy it by hand.' : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy the secret
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
