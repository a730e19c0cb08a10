import type { ReactNode } from 'react';
import { SelectField, TextField } from './Field';

/** The filters above a list: a search landmark named by `label`; each filter applies as it changes, so there is nothing to submit. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

/** A filter's choice: "any" (`anyLabel`; null for none) and the options. */
export function SelectFilter({
  label,
  value,
  onChange,
  options,
  anyLabel = 'Any',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  anyLabel?: string | null;
}) {
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {anyLabel === null ? null : <option value="">{anyLabel}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

/** Free text matched as it is typed. */
export function SearchFilter({ value, onChange, placeholder }: { value: string; onChange: (value: string) => void; placeholder?: string }) {
  return <TextField label="Search" type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />;
}
