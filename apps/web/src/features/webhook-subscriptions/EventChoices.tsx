import { useQuery } from '@tanstack/react-query';
import { LoadingState } from '../../components/LoadingState';
import { eventTypesQuery } from './webhook-subscriptions-queries';

/** The event types a subscription asks for, each with what it reports. */
export function EventChoices({ value, onChange, error }: { value: string[]; onChange: (events: string[]) => void; error?: string }) {
  const types = useQuery(eventTypesQuery);
  return (
    <fieldset>
      <legend>Events to send</legend>
      {error ? <p className="field__error">{error}</p> : null}
      {types.isPending ? (
        <LoadingState label="Loading the event types…" />
      ) : types.isError ? (
        <p className="field__error">The event types could not be loaded; try again later.</p>
      ) : (
        <ul className="check-list">
          {types.data.map((t) => (
            <li key={t.type}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={value.includes(t.type)}
                  onChange={(e) => onChange(e.target.checked ? [...value, t.type] : value.filter((v) => v !== t.type))}
                />
                <span>
                  <span className="choice__label">
                    <code>{t.type}</code>
                  </span>
                  <span className="choice__hint">{t.description}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
