import type { SelectHTMLAttributes } from 'react';
import { SelectField } from '../../components/Field';
import { useDirectory } from './people-queries';

/**
 * Choose a person from the directory (active people by name). `none` adds an empty choice with
 * that label. Keeps a chosen id that is not in the directory (someone since deactivated) so the
 * form shows what is stored.
 */
export function PersonSelect({
  label,
  hint,
  error,
  none,
  value,
  ...select
}: { label: string; hint?: string; error?: string; none?: string; value: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value'>) {
  const { people, byId, query } = useDirectory();
  return (
    <SelectField label={label} hint={hint} error={error} value={value} disabled={query.isPending && query.fetchStatus !== 'idle'} {...select}>
      {none !== undefined ? <option value="">{none}</option> : null}
      {value && !people.some((p) => p.id === value) ? <option value={value}>{byId.get(value)?.name ?? value}</option> : null}
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name} ({person.email})
        </option>
      ))}
    </SelectField>
  );
}

/** A person's name from the directory, else their id (a product owner cannot read the directory). */
export function PersonName({ id }: { id: string | null | undefined }) {
  const { byId } = useDirectory();
  if (!id) return <>—</>;
  const person = byId.get(id);
  return person ? <span title={person.email}>{person.name}</span> : <span className="mono">{id.slice(0, 8)}…</span>;
}
