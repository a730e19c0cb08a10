import { humanize } from '../../app/format';
import { AUTONOMY_CHOICES, SCOPE_LIST_LABELS, SCOPE_LIST_NAMES } from './scope-draft';

interface ScopeContent {
  dataCategories: string[];
  tools: string[];
  decisions: string[];
  autonomy: string;
}

export const autonomyLabel = (autonomy: string) => AUTONOMY_CHOICES.find((c) => c.value === autonomy)?.label ?? humanize(autonomy);

/** A scope read as lists: what it may use, call and decide, and with how much autonomy. */
export function ScopeSummary({ scope }: { scope: ScopeContent }) {
  return (
    <dl className="facts scope-facts">
      {SCOPE_LIST_NAMES.map((list) => (
        <div key={list} className="facts__row">
          <dt>{SCOPE_LIST_LABELS[list]}</dt>
          <dd>
            {scope[list].length ? (
              <ul className="scope-entries">
                {scope[list].map((entry) => (
                  <li key={entry}>
                    <code>{entry}</code>
                  </li>
                ))}
              </ul>
            ) : (
              'Nothing'
            )}
          </dd>
        </div>
      ))}
      <div className="facts__row">
        <dt>Autonomy</dt>
        <dd>{autonomyLabel(scope.autonomy)}</dd>
      </div>
    </dl>
  );
}
