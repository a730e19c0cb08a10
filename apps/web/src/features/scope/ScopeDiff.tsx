import { SCOPE_LIST_LABELS, SCOPE_LIST_NAMES } from './scope-draft';
import type { ScopeDiff as Diff } from './scope-queries';
import { autonomyLabel } from './ScopeSummary';

/**
 * What a proposal changes against the approved scope, list by list: added entries marked
 * "added", removed ones "removed" (in words as well as styles, never colour alone).
 */
export function ScopeDiff({ diff, approved }: { diff: Diff; approved: boolean }) {
  if (!diff.changed) return <p>The proposal is the approved scope unchanged.</p>;
  const lists = SCOPE_LIST_NAMES.filter((list) => diff[list].added.length || diff[list].removed.length);
  return (
    <ul className="diff scope-diff" aria-label={approved ? 'Changes against the approved scope' : 'Everything proposed (nothing is approved yet)'}>
      {lists.map((list) => (
        <li key={list}>
          <p className="diff__question">{SCOPE_LIST_LABELS[list]}</p>
          <ul className="scope-entries">
            {diff[list].added.map((entry) => (
              <li key={`+${entry}`} className="scope-diff__added">
                <span className="visually-hidden">added: </span>
                <span aria-hidden="true">+ </span>
                <code>{entry}</code>
              </li>
            ))}
            {diff[list].removed.map((entry) => (
              <li key={`-${entry}`} className="scope-diff__removed">
                <span className="visually-hidden">removed: </span>
                <span aria-hidden="true">− </span>
                <code>{entry}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
      {diff.autonomy ? (
        <li>
          <p className="diff__question">Autonomy</p>
          <p>
            {diff.autonomy.from ? (
              <>
                <span className="diff__before">{autonomyLabel(diff.autonomy.from)}</span> →{' '}
              </>
            ) : null}
            <span className="diff__after">{autonomyLabel(diff.autonomy.to)}</span>
          </p>
        </li>
      ) : null}
    </ul>
  );
}
