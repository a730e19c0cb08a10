import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../../api/client';
import { unwrap } from '../../../api/errors';
import { TextArea, TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import type { AiSystemDetail } from '../system-queries';
import { useRollback } from '../use-system-actions';
import { mutateThen } from '../../../api/mutate-then';

/** Take the running version out of service, back to an approved one (the one before, unless named). */
export function RollbackForm({ system, onDone }: { system: AiSystemDetail; onDone: (message: string) => void }) {
  const rollback = useRollback(system.id);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutateThen(rollback, { reason: reason.trim(), ...(target.trim() ? { targetVersion: target.trim() } : {}) }, (after) => onDone(`Rolled back: version ${after.currentVersion ?? 'none'} runs, the system is in ${after.stage.replace(/_/g, ' ')}.`));
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Roll back">
      <FormProblem error={rollback.error && !fieldError(rollback.error, 'reason', 'targetVersion') ? rollback.error : null} />
      <TextArea label="Why" name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(rollback.error, 'reason')} />
      <TextField label="Back to version (optional)" hint={`Running now: ${system.currentVersion ?? 'none'}. Empty: the approved version before it.`} name="targetVersion" maxLength={100} value={target} onChange={(e) => setTarget(e.target.value)} error={fieldError(rollback.error, 'targetVersion')} />
      <button type="submit" className="button" disabled={rollback.isPending}>
        {rollback.isPending ? 'Rolling back…' : 'Roll back'}
      </button>
    </form>
  );
}

/** Call off a change that has not deployed; a running approval round is withdrawn with it. */
export function WithdrawChangeForm({ systemId, changeId, onDone }: { systemId: string; changeId: string; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [key] = useState(idempotencyKey);
  const withdraw = useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/api/v1/ai-systems/{id}/changes/{changeId}/withdrawal', {
          params: { path: { id: systemId, changeId }, header: { 'Idempotency-Key': key } },
          body: { reason },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['ai-systems', systemId] }), queryClient.invalidateQueries({ queryKey: ['tasks'] })]);
      onDone('The change is withdrawn; the approved version keeps running.');
    },
  });
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate(reason.trim());
      }}
      noValidate
      aria-label="Withdraw the change"
    >
      <FormProblem error={withdraw.error && !fieldError(withdraw.error, 'reason') ? withdraw.error : null} />
      <TextArea label="Why" hint="Kept in the audit trail." name="reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(withdraw.error, 'reason')} />
      <button type="submit" className="button" disabled={withdraw.isPending}>
        {withdraw.isPending ? 'Withdrawing…' : 'Withdraw the change'}
      </button>
    </form>
  );
}
