import { useState, type FormEvent } from 'react';
import { humanize } from '../../../app/format';
import { TextArea, TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import type { AiSystemDetail } from '../system-queries';
import { useCompleteChecklistItem, useStartRetirement, type RetirementStart } from '../use-system-actions';
import { mutateThen } from '../../../api/mutate-then';

/** The decommission checklist (libs/domain retirement-checklist.ts): the system retires when every item is done. */
const ITEMS = [
  { value: 'access_revoked', label: 'Access revoked', hint: 'Accounts, API keys and integrations removed.' },
  { value: 'model_archived_or_deleted', label: 'Model archived or deleted' },
  { value: 'data_archived_or_deleted', label: 'Data archived or deleted' },
  { value: 'users_informed', label: 'Users informed' },
  { value: 'dependent_systems_updated', label: 'Dependent systems updated' },
] as const;
type Item = (typeof ITEMS)[number]['value'];

/** Start decommissioning, with the reason and what is already done. */
export function StartRetirementForm({ systemId, onDone }: { systemId: string; onDone: (message: string) => void }) {
  const start = useStartRetirement(systemId);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Item[]>([]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutateThen(start, { reason: reason.trim(), completedItems: done as RetirementStart['completedItems'] }, () => onDone('Retirement started: tick each checklist item as it is done.'));
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Start retirement">
      <FormProblem error={start.error && !fieldError(start.error, 'reason', 'completedItems') ? start.error : null} />
      <TextArea label="Why it is retired" name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(start.error, 'reason')} />
      <fieldset className="choice-group">
        <legend>Already done</legend>
        {fieldError(start.error, 'completedItems') ? <p className="field__error">{fieldError(start.error, 'completedItems')}</p> : null}
        {ITEMS.map((item) => (
          <label key={item.value} className="choice">
            <input
              type="checkbox"
              name="completedItems"
              checked={done.includes(item.value)}
              onChange={() => setDone((current) => (current.includes(item.value) ? current.filter((i) => i !== item.value) : [...current, item.value]))}
            />
            <span className="choice__label">{item.label}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start retirement'}
      </button>
    </form>
  );
}

/** The checklist in retirement: each item done (and by whose note) or a way to tick it. */
export function RetirementChecklist({ system, canTick }: { system: AiSystemDetail; canTick: boolean }) {
  const checklist = (system.retirementChecklist ?? {}) as Record<string, { done: boolean; note: string | null } | undefined>;
  const left = ITEMS.filter((item) => !checklist[item.value]?.done).length;
  return (
    <section aria-labelledby="checklist-title" className="checklist">
      <h3 id="checklist-title">Decommission checklist</h3>
      <p className="panel__meta">{system.stage === 'retired' ? 'Complete: the system is retired.' : left === 1 ? 'One item left before the system retires.' : `${left} items left before the system retires.`}</p>
      <ul className="plain-list">
        {ITEMS.map((item) => (
          <ChecklistItem key={item.value} systemId={system.id} item={item} entry={checklist[item.value]} canTick={canTick} />
        ))}
      </ul>
    </section>
  );
}

function ChecklistItem({
  systemId,
  item,
  entry,
  canTick,
}: {
  systemId: string;
  item: (typeof ITEMS)[number];
  entry: { done: boolean; note: string | null } | undefined;
  canTick: boolean;
}) {
  // a hook per item: each tick is its own intended action with its own Idempotency-Key
  const tick = useCompleteChecklistItem(systemId);
  const [note, setNote] = useState('');
  if (entry?.done) {
    return (
      <li className="checklist__row checklist__row--done">
        <span className="checklist__mark" aria-hidden="true">✓</span> {item.label} <span className="visually-hidden">(done)</span>
        {entry.note ? <span className="panel__meta"> · {entry.note}</span> : null}
      </li>
    );
  }
  return (
    <li className="checklist__row">
      <p className="checklist__label">{item.label}</p>
      {canTick ? (
        <form
          className="checklist__form"
          onSubmit={(event) => {
            event.preventDefault();
            tick.mutate({ item: item.value, ...(note.trim() ? { note: note.trim() } : {}) });
          }}
          noValidate
          aria-label={`Mark done: ${item.label}`}
        >
          <FormProblem error={tick.error && !fieldError(tick.error, 'note') ? tick.error : null} />
          <TextField label={`Note (optional)`} name={`note-${item.value}`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(tick.error, 'note')} />
          <button type="submit" className="button button--secondary" disabled={tick.isPending}>
            {tick.isPending ? 'Saving…' : `Mark done${' '}`}
            <span className="visually-hidden">: {humanize(item.value)}</span>
          </button>
        </form>
      ) : (
        <p className="panel__meta">Not done yet.</p>
      )}
    </li>
  );
}
