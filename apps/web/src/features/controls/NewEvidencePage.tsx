import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { TextArea, TextField } from '../../components/Field';
import { fieldError, FormProblem } from '../../components/FormProblem';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { dateInputToIso } from '../risks/risk-form';
import { PersonSelect } from '../people/PersonSelect';
import { useCreateManualEvidence, type CreateManualEvidence } from './control-queries';
import { DocumentOrLinkFields, useDocumentOrLink } from './DocumentOrLinkFields';
import { parseControlRefs } from './evidence-file';
import '../management-system/management-system.css';

const FIELDS = ['title', 'description', 'ownerId', 'controls', 'aiSystemIds', 'content', 'sha256', 'mediaType', 'fileName', 'url', 'expiresAt'];

/** /evidence/new: keep a document (hashed in the browser, checked by the API) or a link as evidence of controls. */
export default function NewEvidencePage() {
  useDocumentTitle('Add evidence');
  const { user } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateManualEvidence();
  const documentOrLink = useDocumentOrLink();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [expires, setExpires] = useState('');
  const [ownerId, setOwnerId] = useState(user.id);
  const [controls, setControls] = useState((params.get('control') ?? '').replace(':', ' '));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: CreateManualEvidence = {
      title,
      ownerId,
      // a framework the catalog does not have is the API's 400 naming controls.<i>.framework
      controls: parseControlRefs(controls) as CreateManualEvidence['controls'],
      expiresAt: expires ? dateInputToIso(expires) : '',
      ...(description.trim() ? { description: description.trim() } : {}),
      ...documentOrLink.body(),
    };
    create.mutate(body, { onSuccess: (item) => navigate(`/evidence?highlight=${item.id}`) });
  }

  const other = create.error && !fieldError(create.error, ...FIELDS) ? create.error : null;
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
        <DocumentOrLinkFields state={documentOrLink} error={create.error} />
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
