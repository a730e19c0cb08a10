import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { SelectField, TextArea } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import type { Task } from './task-queries';
import { useDelegateTask } from './use-task-actions';
import { mutateThen } from '../../api/mutate-then';

/** Hand an open approval task to a colleague, with the reason (it goes into their email and the audit trail). */
export function DelegateForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const candidates = useQuery({
    queryKey: ['tasks', task.id, 'delegates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}/delegates', { params: { path: { id: task.id } } })),
  });
  const [delegateId, setDelegateId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<{ delegateId?: string; reason?: string }>({});
  const delegate = useDelegateTask(task.id);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = { ...(delegateId ? {} : { delegateId: 'Choose who takes the task over.' }), ...(reason.trim() ? {} : { reason: 'Say why.' }) };
    setMissing(found);
    if (found.delegateId || found.reason) return;
    mutateThen(delegate, { delegateId, reason: reason.trim() }, onDone);
  }

  if (candidates.isPending) return <LoadingState label="Loading colleagues…" />;
  return (
    <form className="delegate-form" onSubmit={onSubmit} aria-labelledby="delegate-title" noValidate>
      <h3 id="delegate-title">Hand this task to a colleague</h3>
      <FormProblem error={delegate.error && !fieldError(delegate.error, 'delegateId', 'reason') ? delegate.error : candidates.error} />
      {candidates.data && candidates.data.length === 0 ? (
        <p>Nobody else holds the approving roles this task needs. Ask the governance office to reassign it.</p>
      ) : (
        <>
          <SelectField
            label="Colleague"
            name="delegateId"
            value={delegateId}
            onChange={(event) => setDelegateId(event.target.value)}
            error={missing.delegateId ?? fieldError(delegate.error, 'delegateId')}
          >
            <option value="">Choose a colleague</option>
            {(candidates.data ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </SelectField>
          <TextArea
            label="Reason"
            hint="Goes to your colleague and into the audit trail."
            name="reason"
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={missing.reason ?? fieldError(delegate.error, 'reason')}
          />
          <button type="submit" className="button button--secondary" disabled={delegate.isPending}>
            {delegate.isPending ? 'Handing over…' : 'Hand over'}
          </button>
        </>
      )}
    </form>
  );
}
