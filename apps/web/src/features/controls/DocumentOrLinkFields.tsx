import { useState } from 'react';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/FormProblem';
import { MAX_DOCUMENT_BYTES, readDocument, type DocumentUpload } from './evidence-file';

export type EvidenceForm = 'document' | 'link';

/** The evidence's document or link as the API takes it: the hashed file's fields, or `url`. */
export type DocumentOrLinkBody = { content: string; sha256: string; mediaType: string; fileName: string } | { url: string } | Record<string, never>;

/**
 * The state of "a document or a link", shared by adding and replacing evidence: which one, the
 * address typed, the file read and hashed in the browser (or why it was not).
 */
export function useDocumentOrLink(initial: { form?: EvidenceForm; url?: string } = {}) {
  const [form, setForm] = useState<EvidenceForm>(initial.form ?? 'document');
  const [url, setUrl] = useState(initial.url ?? '');
  const [file, setFile] = useState<DocumentUpload | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  async function choose(chosen: File | undefined) {
    setFile(null);
    setFileProblem(null);
    if (!chosen) return;
    if (chosen.size > MAX_DOCUMENT_BYTES) return setFileProblem('The document is over 10 MiB; keep a link to it instead.');
    setFile(await readDocument(chosen));
  }

  /** The body's part; no file chosen sends neither, which the API names (400 `content`). */
  function body(): DocumentOrLinkBody {
    if (form === 'link') return { url: url.trim() };
    return file ? { content: file.content, sha256: file.sha256, mediaType: file.mediaType, fileName: file.fileName } : {};
  }

  return { form, setForm, url, setUrl, file, fileProblem, choose, body };
}

/** The fieldset: Document or Link, then the file (hashed here, checked by the server) or the address, with the API's errors beside them. */
export function DocumentOrLinkFields({ state, error, fileHint }: { state: ReturnType<typeof useDocumentOrLink>; error: unknown; fileHint?: string }) {
  const documentError = state.fileProblem ?? fieldError(error, 'content', 'sha256', 'mediaType', 'fileName');
  return (
    <fieldset>
      <legend>A document or a link</legend>
      <div className="segmented segmented--two">
        <label className="segmented__option">
          <input type="radio" name="form" checked={state.form === 'document'} onChange={() => state.setForm('document')} /> Document
        </label>
        <label className="segmented__option">
          <input type="radio" name="form" checked={state.form === 'link'} onChange={() => state.setForm('link')} /> Link
        </label>
      </div>
      {/* keyed: the file input is uncontrolled and the address controlled, so React must not reuse one element for both */}
      {state.form === 'document' ? (
        <TextField
          key="file"
          label="File"
          hint={fileHint ?? 'At most 10 MiB. Its SHA-256 is computed here and checked by the server.'}
          type="file"
          onChange={(e) => void state.choose(e.target.files?.[0])}
          error={documentError}
        />
      ) : (
        <TextField key="url" label="Address" hint="An https link." type="url" value={state.url} onChange={(e) => state.setUrl(e.target.value)} error={fieldError(error, 'url')} />
      )}
      {state.file ? (
        <p className="panel__meta">
          {state.file.fileName} · {state.file.size} bytes · SHA-256 <code>{state.file.sha256.slice(0, 16)}…</code>
        </p>
      ) : null}
    </fieldset>
  );
}
