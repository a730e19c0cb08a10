import { humanize } from '../../app/format';
import type { Diff } from './questionnaire-queries';

/** What a version changes, in words: questions and tier rules added, removed, and changed field by field. */
export function DiffSummary({ diff }: { diff: Diff }) {
  if (diff.empty) return <p>No question or tier rule differs between {diff.from} and {diff.to}.</p>;
  const q = diff.questions;
  const r = diff.rules;
  return (
    <div className="diff-summary">
      {q.added.length ? (
        <>
          <h3>Questions added</h3>
          <ul>
            {q.added.map((x) => (
              <li key={x.id}>
                <strong>{x.text}</strong> <span className="panel__meta">({x.section}; {x.required ? 'required' : 'optional'}, {humanize(x.type)}; id {x.id})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {q.removed.length ? (
        <>
          <h3>Questions removed</h3>
          <ul>
            {q.removed.map((x) => (
              <li key={x.id}>
                {x.text} <span className="panel__meta">(id {x.id})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {q.changed.length ? (
        <>
          <h3>Questions changed</h3>
          <ul>
            {q.changed.map((x) => (
              <li key={x.id}>
                {x.id}: {x.changes.map((c) => humanize(c.field)).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.added.length ? (
        <>
          <h3>Tier rules added</h3>
          <ul>
            {r.added.map((x) => (
              <li key={x.id}>
                <strong>{humanize(x.tier)}</strong>: {x.text} <span className="panel__meta">({x.reference})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.removed.length ? (
        <>
          <h3>Tier rules removed</h3>
          <ul>
            {r.removed.map((x) => (
              <li key={x.id}>
                {humanize(x.tier)}: {x.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.changed.length ? (
        <>
          <h3>Tier rules changed</h3>
          <ul>
            {r.changed.map((x) => (
              <li key={x.id}>
                {x.id}:{' '}
                {x.changes.map((c) => (c.field === 'tier' ? `tier ${humanize(String(c.from))} → ${humanize(String(c.to))}` : humanize(c.field))).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.otherwise.length ? <p>The reason recorded when no rule applies changed ({diff.otherwise.map((c) => c.field).join(', ')}).</p> : null}
    </div>
  );
}
