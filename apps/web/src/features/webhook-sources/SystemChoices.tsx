import { useQuery } from '@tanstack/react-query';
import { LoadingState } from '../../components/LoadingState';
import { systemChoicesQuery } from './webhook-sources-queries';

export interface SystemScope {
  allSystems: boolean;
  aiSystemIds: string[];
}

/** Which AI systems a source may act on: all of them, or those ticked. */
export function SystemChoices({ legend, value, onChange, error }: { legend: string; value: SystemScope; onChange: (scope: SystemScope) => void; error?: string }) {
  const systems = useQuery(systemChoicesQuery);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      <ul className="check-list">
        <li>
          <label>
            <input type="radio" checked={value.allSystems} onChange={() => onChange({ allSystems: true, aiSystemIds: [] })} /> Every AI system, including those registered later
          </label>
        </li>
        <li>
          <label>
            <input type="radio" checked={!value.allSystems} onChange={() => onChange({ allSystems: false, aiSystemIds: value.aiSystemIds })} /> Only the systems ticked below
          </label>
        </li>
      </ul>
      {value.allSystems ? null : systems.isPending ? (
        <LoadingState label="Loading the AI systems…" />
      ) : systems.isError ? (
        <p className="field__error">The AI systems could not be loaded; try again later.</p>
      ) : systems.data.items.length ? (
        <ul className="check-list check-list--columns" aria-label="AI systems">
          {systems.data.items.map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="checkbox"
                  checked={value.aiSystemIds.includes(s.id)}
                  onChange={(e) => onChange({ allSystems: false, aiSystemIds: e.target.checked ? [...value.aiSystemIds, s.id] : value.aiSystemIds.filter((id) => id !== s.id) })}
                />{' '}
                {s.name}
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p className="panel__meta">No AI system is registered yet: allow every system, or register one first.</p>
      )}
    </fieldset>
  );
}
