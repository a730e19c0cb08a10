import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/**
 * Labelled form controls: the label, an optional hint and the API's error for the field are
 * tied to the control (aria-describedby, aria-invalid), so a screen reader reads them together.
 */
interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

function useFieldIds(hint: unknown, error: unknown) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, children }: FieldFrame & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({ label, hint, error, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} {...ids}>
      <input id={ids.id} className="input" aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...input} />
    </Frame>
  );
}

export function TextArea({ label, hint, error, ...textarea }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} {...ids}>
      <textarea id={ids.id} className="input input--area" aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...textarea} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} {...ids}>
      <select id={ids.id} className="input" aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </Frame>
  );
}

/** Radio options, each with a label and a hint: one name, one checked value (a decision, an outcome). */
export function RadioChoices<T extends string>({
  name,
  choices,
  value,
  onChange,
}: {
  name: string;
  choices: ReadonlyArray<{ value: T; label: string; hint: string }>;
  value: T | '' | null | undefined;
  onChange: (value: T) => void;
}) {
  return (
    <>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span>
            <span className="choice__label">{choice.label}</span>
            <span className="choice__hint">{choice.hint}</span>
          </span>
        </label>
      ))}
    </>
  );
}
