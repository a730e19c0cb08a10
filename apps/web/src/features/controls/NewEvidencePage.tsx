import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { dateInputToIso } from '../risks/risk-form';
import { PersonSelect } from '../people/PersonSelect';
import { useCreateManualEvidence, type CreateManualEvidence } from './control-queries';
import { MAX_DOCUMENT_BYTES, parseControlRefs, readDocument, type DocumentUpload } from './evidence-file';
import '../management-system/management-system.css';

const FIELDS = ['title', 'description', 'ownerId', 'controls', 'aiSystemIds', 'content', 'sha256', 'mediaType', 'fileName', 'url', 'expiresAt'];

/** /evidence/new: keep a document (hashed in the browser, checked by the API) or a link as evidence of controls. */
export default function NewEvidencePage() {
  useDocumentTitle('Add evidence');
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateManualEvidence();
  const [form, setForm] = useState<'document' | 'link'>('document');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<DocumentUpload | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [expires, setExpires] = useState('');
  const [ownerId, setOwnerId] = useState(user.id);
  const [controls, setControls] = useState((params.get('control') ?? '').replace(':', ' '));

  async function onFile(chosen: File | undefined) {
    setFile(null);
    setFileProblem(null);
    if (!chosen) return;
    if (chosen.size > MAX_DOCUMENT_BYTES) return setFileProblem('The document is over 10 MiB; keep a link to it instead.');
    setFile(await readDocument(chosen));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: CreateManualEvidence = {
      title,
      ownerId,
      // a framework the catalog does not have is the API's 400 naming controls.<i>.framework
      controls: parseControlRefs(controls) as CreateManualEvidence['controls'],
      expiresAt: expires ? dateInputToIso(expires) : '',
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(form === 'link' ? { url: url.trim() } : file ? { content: file.content, sha256: file.sha256, mediaType: file.mediaType, fileName: file.fileName } : {}),
    };
    create.mutate(body, { onSuccess: (item) => navigate(`/evidence?highlight=${item.id}`) });
  }

  const other = create.error && !fieldError(create.error, ...FIELDS) ? create.error : null;
  const documentError = fileProblem ?? fieldError(create.error, 'content', 'sha256', 'mediaType', 'fileName');
  return (
    <article className="page ms-page" aria-labelledby="new-evidence-title">
      <p className="breadcrumb">
        <Link to="/evidence">Manual evidence</Link>
      </p>
      <h1 id="new-evidence-title">Add evidence</h1>
      <form className="panel panel--action ms-form" onSubmit={onSubmit} noValidate aria-label="The evidence">
        <FormProblem error={other} />
        <TextField label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError(create.error, 'title')} />
        <TextArea label="Description (optional)" rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description')} />
        <fieldset>
          <legend>A document or a link</legend>
          <div className="segmented segmented--two">
            <label className="segmented__option">
              <input type="radio" name="form" checked={form === 'document'} onChange={() => setForm('document')} /> Document
            </label>
            <label className="segmented__option">
              <input type="radio" name="form" checked={form === 'link'} onChange={() => setForm('link')} /> Link
            </label>
          </div>
          {form === 'document' ? (
            <TextField
              label="File"
              hint="At most 10 MiB. Its SHA-256 is computed here and checked by the server."
              type="file"
              onChange={(e) => void onFile(e.target.files?.[0])}
              error={documentError}
            />
          ) : (
            <TextField label="Address" hint="An https link." type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={fieldError(create.error, 'url')} />
          )}
          {file ? (
            <p className="panel__meta">
              {file.fileName} · {file.size} bytes · SHA-256 <code>{file.sha256.slice(0, 16)}…</code>
            </p>
          ) : null}
        </fieldset>
        <TextArea
          label="Controls it evidences"
          hint="One a line, framework then ref: iso27001 A.5.19."
          rows={2}
          value={controls}
          onChange={(e) => setControls(e.target.value)}
          error={fieldError(create.error, 'controls')}
        />
        <TextField label="Expires on" hint="Its owner is reminded before, and escalated after." type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={fieldError(create.error, 'expiresAt')} />
        <PersonSelect label="Owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={fieldError(create.error, 'ownerId')} />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Keep as evidence'}
        </button>
      </form>
    </article>
  );
}
