import { humanize } from '../../app/format';
import { messageOf } from '../../api/errors';
import type { Question } from './assessment-draft';
import { TierBadge } from './SystemBadges';
import type { AssessmentPreview } from './system-queries';

/**
 * The tier the answers give and each reason with its legal or standard reference, as the API
 * computes it for these answers before they are submitted. While required questions remain it
 * is the tier so far, and says which questions are left (each a link to it).
 */
export function TierPreview({
  preview,
  pending,
  error,
  questions,
  fresh,
}: {
  preview: AssessmentPreview | undefined;
  pending: boolean;
  error: unknown;
  questions: Question[];
  fresh: boolean;
}) {
  const complete = preview ? preview.unanswered.length === 0 : false;
  return (
    <section className="panel tier-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{complete ? 'The risk tier these answers give' : 'Risk tier so far'}</h2>
      {error ? (
        <p className="field__error" role="alert">
          The tier could not be worked out: {messageOf(error)}
        </p>
      ) : null}
      {pending && !preview ? <p className="panel__meta">Working out the tier…</p> : null}
      {preview ? (
        <>
          <p className="tier-preview__tier" aria-live="polite" aria-atomic="true">
            <TierBadge tier={preview.riskTier} />
            {fresh ? null : <span className="panel__meta"> updating…</span>}
          </p>
          <h3 className="tier-preview__reasons-title">Why</h3>
          <ul className="reasons">
            {preview.reasons.map((reason) => (
              <li key={reason.code}>
                <span className="reasons__text">{reason.text}</span>{' '}
                <span className="reasons__ref">
                  {reason.reference} · leads to {humanize(reason.tier)}
                </span>
              </li>
            ))}
          </ul>
          {preview.unanswered.length ? (
            <details className="tier-preview__open">
              <summary>
                {preview.unanswered.length === 1 ? 'One required question' : `${preview.unanswered.length} required questions`} still to answer
              </summary>
              <ul>
                {preview.unanswered.map((id) => (
                  <li key={id}>
                    <a href={`#q-${id}`}>{questions.find((q) => q.id === id)?.text ?? id}</a>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
