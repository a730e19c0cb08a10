import { humanize } from '../../app/format';
import type { AiSystemDetail } from './task-queries';

type Reason = AiSystemDetail['riskReasons'][number];

/** The tier the assessment gave, and each reason with its legal or standard reference. */
export function RiskTier({ tier, reasons }: { tier: string | null; reasons: Reason[] }) {
  return (
    <section aria-labelledby="tier-title" className="panel">
      <h2 id="tier-title">Risk tier</h2>
      {tier ? (
        <p>
          <span className={`tier tier--${tier}`}>{humanize(tier)}</span>
        </p>
      ) : (
        <p>Not assessed yet.</p>
      )}
      {reasons.length ? (
        <ul className="reasons">
          {reasons.map((reason) => (
            <li key={reason.code}>
              <span className="reasons__text">{reason.text}</span>{' '}
              <span className="reasons__ref">
                {reason.reference} · leads to {humanize(reason.tier)}
              </span>
            </li>
          ))}
        </ul>
      ) : tier ? (
        <p>No answer raised the tier.</p>
      ) : null}
    </section>
  );
}
