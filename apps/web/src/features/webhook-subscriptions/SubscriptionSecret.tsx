import { useState } from 'react';

/**
 * A subscription's signing secret, the only time it is shown: the receiver needs it to verify
 * deliveries, and the server keeps it only encrypted. A copy button, and a status line a screen
 * reader announces when the copy worked (or why it did not).
 */
export function SubscriptionSecret({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
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
    <section className="panel panel--action" aria-labelledby="subscription-secret-title">
      <h2 id="subscription-secret-title">{title}</h2>
      <p>
        Give the receiving endpoint this signing secret. It is shown only this once: copy it now. Each delivery is signed in the Standard Webhooks scheme (headers
        webhook-id, webhook-timestamp and webhook-signature); verify it with any Standard Webhooks library.
      </p>
      <p>
        <code className="token" aria-label="Signing secret">
          {secret}
        </code>
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
