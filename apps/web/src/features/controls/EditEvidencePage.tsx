import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { dateInputToIso } from '../risks/risk-form';
import { manualEvidenceItemQuery, useReplaceManualEvidence, type ManualEvidence } from './control-queries';
import { DocumentOrLinkFields, useDocumentOrLink } from './DocumentOrLinkFields';
import '../management-system/management-system.css';

const FIELDS = ['content', 'sha256', 'mediaType', 'fileName', 'url', 'expiresAt', 'reason'];

/**
 * /evidence/:id/edit: a new version of a manual evidence item's document or link and its expiry
 * date, with why (PUT; the previous version is kept and the change audited). Its title, controls
 * and systems stay as they are.
 */
export default function EditEvidencePage() {
  const { id = '' } = useParams();
  const item = useQuery(manualEvidenceItemQuery(id));
  useDocumentTitle(item.data ? `Edit evidence: ${item.data.title}` : 'Edit evidence');
  if (item.isPending) return <LoadingState label="Loading the evidence…" />;
  if (item.isError) return <ErrorState error={item.error} what="evidence" onRetry={() => void item.refetch()} />;
  return (
    <article className="page ms-page" aria-labelledby="edit-evidence-title">
      <p className="breadcrumb">
        <Link to="/evidence">Manual evidence</Link>
      </p>
      <h1 id="edit-evidence-title">Edit evidence: {item.data.title}</h1>
      <p className="page__lead">
        Version {item.data.version}, a {item.data.form === 'document' ? `document (${item.data.fileName ?? 'unnamed'})` : 'link'}, expires {formatDate(item.data.expiresAt)}.
        Saving keeps it as the previous version.
      </p>
      <EditEvidenceForm item={item.data} />
    </article>
  );
}

function EditEvidenceForm({ item }: { item: ManualEvidence }) {
  const navigate = useNavigate();
  const replace = useReplaceManualEvidence(item.id);
  const documentOrLink = useDocumentOrLink({ form: item.form === 'link' ? 'link' : 'document', url: item.url ?? '' });
  const [expires, setExpires] = useState(item.expiresAt.slice(0, 10));
  const [reason, setReason] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    replace.mutate(
      { expiresAt: expires ? dateInputToIso(expires) : '', ...(reason.trim() ? { reason: reason.trim() } : {}), ...documentOrLink.body() },
      { onSuccess: () => navigate(`/evidence?highlight=${item.id}`) },
    );
  }

  // A 409 (withdrawn meanwhile) or any refusal without a field shows above the form, which keeps its input.
  const other = replace.error && !fieldError(replace.error, ...FIELDS) ? replace.error : null;
  return (
    <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-label="The new version">
      <FormProblem error={other} />
      <DocumentOrLinkFields state={documentOrLink} error={replace.error} fileHint="The document of the new version (choose it again to only move the expiry date). At most 10 MiB; its SHA-256 is computed here and checked by the server." />
      <TextField label="Expires on" hint="Its owner is reminded before, and escalated after." type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={fieldError(replace.error, 'expiresAt')} />
      <TextArea label="Why it changes (optional)" hint="Kept in the audit trail." rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(replace.error, 'reason')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={replace.isPending}>
          {replace.isPending ? 'Saving…' : 'Save the new version'}
        </button>
        <Link className="button button--quiet" to="/evidence">
          Cancel
        </Link>
      </div>
    </form>
  );
}
