import type { ReactNode } from 'react';
import { toggle, type Question } from './assessment-draft';

/**
 * One question of the impact assessment as a form control: yes/no and single choices as radio
 * groups, several choices as checkboxes, free text as a text area; its help and the API's
 * error tied to it, and marked while a required answer is missing. The assessment and the
 * re-assessment on a new questionnaire version both use it.
 */
export function QuestionField({
  question,
  value,
  onAnswer,
  error,
  unanswered,
}: {
  question: Question;
  value: unknown;
  onAnswer: (value: unknown) => void;
  error?: string;
  unanswered: boolean;
}) {
  const id = `q-${question.id}`;
  const helpId = question.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const frame = (control: ReactNode, asGroup: boolean) => {
    const label = (
      <>
        {question.text}
        {question.required ? null : <span className="question__optional"> (optional)</span>}
      </>
    );
    const extras = (
      <>
        {question.help ? (
          <p className="field__hint" id={helpId}>
            {question.help}
          </p>
        ) : null}
        {error ? (
          <p className="field__error" id={errorId}>
            {error}
          </p>
        ) : null}
      </>
    );
    return asGroup ? (
      <fieldset id={id} tabIndex={-1} className={error ? 'question field--invalid' : unanswered ? 'question question--open' : 'question'} aria-describedby={described}>
        <legend className="question__text">{label}</legend>
        {extras}
        {control}
      </fieldset>
    ) : (
      <div className={error ? 'question field field--invalid' : 'question field'}>
        <label htmlFor={id} className="question__text">
          {label}
        </label>
        {extras}
        {control}
      </div>
    );
  };

  if (question.type === 'text') {
    return frame(
      <textarea id={id} className="input input--area" rows={3} maxLength={4000} value={typeof value === 'string' ? value : ''} onChange={(event) => onAnswer(event.target.value)} aria-describedby={described} aria-invalid={error ? true : undefined} />,
      false,
    );
  }
  if (question.type === 'boolean') {
    return frame(
      <div className="choice-row">
        {[true, false].map((option) => (
          <label key={String(option)} className="choice">
            <input type="radio" name={question.id} checked={value === option} onChange={() => onAnswer(option)} />
            <span className="choice__label">{option ? 'Yes' : 'No'}</span>
          </label>
        ))}
      </div>,
      true,
    );
  }
  if (question.type === 'choice') {
    return frame(
      <div>
        {(question.options ?? []).map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name={question.id} checked={value === option.value} onChange={() => onAnswer(option.value)} />
            <span className="choice__label choice__label--plain">{option.label}</span>
          </label>
        ))}
      </div>,
      true,
    );
  }
  return frame(
    <div>
      {(question.options ?? []).map((option) => (
        <label key={option.value} className="choice">
          <input type="checkbox" name={question.id} checked={Array.isArray(value) && value.includes(option.value)} onChange={() => onAnswer(toggle(value, option.value))} />
          <span className="choice__label choice__label--plain">{option.label}</span>
        </label>
      ))}
    </div>,
    true,
  );
}
