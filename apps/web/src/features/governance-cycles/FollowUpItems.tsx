import { humanize } from '../../app/format';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { fieldError } from '../../components/FormProblem';
import { PersonSelect } from '../people/PersonSelect';

/** A decision or finding as the form holds it; it becomes a PDCA item. */
export interface FollowUpInput {
  title: string;
  description: string;
  kind: string;
  ownerId: string;
  /** yyyy-mm-dd */
  dueAt: string;
}

export const emptyFollowUp = (ownerId: string, kind: string): FollowUpInput => ({ title: '', description: '', kind, ownerId, dueAt: '' });

/**
 * A list of decisions (management review) or findings (internal audit), added and removed one
 * by one; each names its own fields' errors (`decisions.0.ownerId`).
 */
export function FollowUpItems({
  name,
  noun,
  kinds,
  items,
  onChange,
  error,
  defaultOwnerId,
}: {
  name: 'decisions' | 'findings';
  noun: string;
  kinds: readonly string[];
  items: FollowUpInput[];
  onChange: (items: FollowUpInput[]) => void;
  error: unknown;
  defaultOwnerId: string;
}) {
  const update = (i: number, patch: Partial<FollowUpInput>) => onChange(items.map((item, j) => (j === i ? { ...item, ...patch } : item)));
  return (
    <fieldset>
      <legend>
        {humanize(name)} ({items.length})
      </legend>
      {fieldError(error, name) && !items.length ? <p className="field__error">{fieldError(error, name)}</p> : null}
      {items.map((item, i) => (
        <div key={i} className="follow-up">
          <p className="follow-up__title">
            {humanize(noun)} {i + 1}
          </p>
          <TextField label="Title" maxLength={200} value={item.title} onChange={(e) => update(i, { title: e.target.value })} error={fieldError(error, `${name}.${i}.title`)} />
          <TextArea label="Description" rows={2} maxLength={4000} value={item.description} onChange={(e) => update(i, { description: e.target.value })} error={fieldError(error, `${name}.${i}.description`)} />
          <div className="field-pair">
            <SelectField label="Kind" value={item.kind} onChange={(e) => update(i, { kind: e.target.value })} error={fieldError(error, `${name}.${i}.kind`)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {humanize(k)}
                </option>
              ))}
            </SelectField>
            <TextField label="Due" type="date" value={item.dueAt} onChange={(e) => update(i, { dueAt: e.target.value })} error={fieldError(error, `${name}.${i}.dueAt`)} />
          </div>
          <PersonSelect label="Owner" value={item.ownerId} onChange={(e) => update(i, { ownerId: e.target.value })} error={fieldError(error, `${name}.${i}.ownerId`)} />
          <button type="button" className="button button--quiet" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            Remove {noun} {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...items, emptyFollowUp(defaultOwnerId, kinds[0]!)])}>
        Add a {noun}
      </button>
    </fieldset>
  );
}
