import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A new secret (a personal API token, a webhook source's or subscription's signing secret) the
 * only time it is shown: the server keeps only a hash or a ciphertext and never returns it again.
 * Focus moves to the heading once, so keyboard and screen reader users land on it; a copy
 * button, and a status line that announces whether the copy worked (or why it did not).
 */
export function SecretShownOnce({
  title,
  label,
  secret,
  copyLabel,
  children,
  onDone,
}: {
  title: ReactNode;
  /** the accessible name of the secret itself ("Signing secret", "Token CI pipeline") */
  label: string;
  secret: string;
  copyLabel: string;
  /** what to do with it: who needs it and how they use it */
  children: ReactNode;
  onDone: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  useEffect(() => heading.current?.focus(), [secret]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="panel panel--action" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
      <p>
        <code className="token" aria-label={label}>
          {secret}
        </code>
      </p>
      <p role="status" className="panel__meta">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'The browser did not allow copying: select it and copy it by hand.' : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          {copyLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
