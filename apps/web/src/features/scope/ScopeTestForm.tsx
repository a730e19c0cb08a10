import { useState, type FormEvent } from 'react';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { humanize } from '../../app/format';
import { entriesOf } from './scope-draft';
import { useTestScope, type AuthorizeRequest } from './scope-queries';

const ACTIONS: ReadonlyArray<{ value: AuthorizeRequest['action']; label: string }> = [
  { value: 'call_tool', label: 'Call a tool, system or agent' },
  { value: 'use_data', label: 'Use data' },
  { value: 'take_decision', label: 'Take a decision' },
];

/**
 * The governance office asks POST /authorize as a gateway would, to see what the system's
 * scope allows before a gateway relies on it. Its denials are audited like a gateway's.
 */
export function ScopeTestForm({ systemId }: { systemId: string }) {
  const test = useTestScope();
  const [action, setAction] = useState<AuthorizeRequest['action']>('call_tool');
  const [targets, setTargets] = useState('');
  const [version, setVersion] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    test.mutate({ systemId, action, targets: entriesOf(targets), ...(version.trim() ? { version: version.trim() } : {}) });
  }

  const answer = test.data;
  const other = test.error && !fieldError(test.error, 'action', 'targets', 'version') ? test.error : null;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Test a request against the scope">
      <FormProblem error={other} />
      <SelectField label="Action" name="test-action" value={action} onChange={(e) => setAction(e.target.value as AuthorizeRequest['action'])} error={fieldError(test.error, 'action')}>
        {ACTIONS.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </SelectField>
      <TextArea label="Targets" hint="One per line, as a gateway would send them." name="test-targets" rows={2} value={targets} onChange={(e) => setTargets(e.target.value)} error={fieldError(test.error, 'targets')} spellCheck={false} autoCapitalize="none" />
      <TextField label="Version the runtime runs (optional)" name="test-version" value={version} maxLength={100} onChange={(e) => setVersion(e.target.value)} error={fieldError(test.error, 'version')} />
      <button type="submit" className="button button--secondary" disabled={test.isPending}>
        {test.isPending ? 'Asking…' : 'Ask for a decision'}
      </button>
      <div role="status" aria-live="polite">
        {answer ? (
          <div className={answer.decision === 'allow' ? 'scope-answer' : 'scope-answer scope-answer--deny'}>
            <p>
              <strong>{answer.decision === 'allow' ? 'Allowed' : 'Denied'}</strong> · {humanize(answer.reason)}
            </p>
            <p>{answer.message}</p>
          </div>
        ) : null}
      </div>
    </form>
  );
}
