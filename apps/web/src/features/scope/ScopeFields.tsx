import { useId } from 'react';
import { RadioChoices, TextArea } from '../../components/Field';
import { fieldError } from '../../components/FormProblem';
import { AUTONOMY_CHOICES, SCOPE_LIST_LABELS, SCOPE_LIST_NAMES, type Autonomy, type ScopeDraft } from './scope-draft';

const HINTS = {
  dataCategories: 'One per line, as your gateway names them, e.g. customer_contact.',
  tools: 'One per line, e.g. crm.search or mcp:github/create_issue.',
  decisions: 'One per line, e.g. refund_under_50_eur.',
} as const;

/**
 * The four parts of a scope as form fields: three one-per-line lists and the autonomy. `field`
 * is where the API names them (`scope` in a registration or a change, nothing in a proposal of
 * its own), so its refusal shows beside the list it is about.
 */
export function ScopeFields({
  value,
  onChange,
  error,
  field = '',
  namePrefix = 'scope',
}: {
  value: ScopeDraft;
  onChange: (next: ScopeDraft) => void;
  error?: unknown;
  /** the API's prefix for these fields ('scope' gives 'scope.tools'); '' for a bare scope */
  field?: string;
  /** prefix of the controls' names, unique on the page */
  namePrefix?: string;
}) {
  const legendId = useId();
  const path = (name: string) => (field ? `${field}.${name}` : name);
  const autonomyError = fieldError(error, path('autonomy'));
  return (
    <>
      {SCOPE_LIST_NAMES.map((list) => (
        <TextArea
          key={list}
          name={`${namePrefix}-${list}`}
          label={SCOPE_LIST_LABELS[list]}
          hint={HINTS[list]}
          rows={3}
          value={value[list]}
          onChange={(e) => onChange({ ...value, [list]: e.target.value })}
          error={fieldError(error, path(list))}
          spellCheck={false}
          autoCapitalize="none"
        />
      ))}
      <fieldset className={autonomyError ? 'choice-group field--invalid' : 'choice-group'} aria-describedby={autonomyError ? `${legendId}-error` : undefined}>
        <legend id={legendId}>Autonomy</legend>
        {autonomyError ? (
          <p className="field__error" id={`${legendId}-error`}>
            {autonomyError}
          </p>
        ) : null}
        <RadioChoices<Autonomy> name={`${namePrefix}-autonomy`} choices={AUTONOMY_CHOICES} value={value.autonomy} onChange={(autonomy) => onChange({ ...value, autonomy })} />
      </fieldset>
    </>
  );
}
