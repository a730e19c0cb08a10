import { TextField } from '../../../components/Field';
import { fieldError } from '../../../components/FormProblem';

export interface ArtifactDraft {
  name: string;
  version: string;
  checksum: string;
}

export const EMPTY_ARTIFACT: ArtifactDraft = { name: '', version: '', checksum: '' };

export const isBlank = (artifact: ArtifactDraft) => !artifact.name.trim() && !artifact.version.trim() && !artifact.checksum.trim();

export const toArtifact = (artifact: ArtifactDraft) => ({ name: artifact.name.trim(), version: artifact.version.trim(), checksum: artifact.checksum.trim() });

/**
 * A model or dataset reference (name, version, checksum). `field` is where the API names it
 * (`model`, `datasets.0`), so its errors (`model.checksum`) land beside the right input.
 */
export function ArtifactFields({
  legend,
  field,
  value,
  onChange,
  error,
}: {
  legend: string;
  field: string;
  value: ArtifactDraft;
  onChange: (value: ArtifactDraft) => void;
  error: unknown;
}) {
  const whole = fieldError(error, field);
  const part = (name: keyof ArtifactDraft) => fieldError(error, `${field}.${name}`);
  // an error on the artifact itself (`model` missing) rather than one of its parts
  const own = whole && !part('name') && !part('version') && !part('checksum') ? whole : undefined;
  // "Model deployed: Version" to a screen reader, so each input's name is unique on the page
  const labelled = (text: string) => (
    <>
      <span className="visually-hidden">{legend}: </span>
      {text}
    </>
  );
  return (
    <fieldset className="artifact">
      <legend>{legend}</legend>
      {own ? <p className="field__error">{own}</p> : null}
      <TextField label={labelled('Name')} name={`${field}.name`} value={value.name} maxLength={200} onChange={(e) => onChange({ ...value, name: e.target.value })} error={part('name')} />
      <TextField label={labelled('Version')} name={`${field}.version`} value={value.version} maxLength={100} onChange={(e) => onChange({ ...value, version: e.target.value })} error={part('version')} />
      <TextField
        label={labelled('Checksum')}
        hint="sha256:, sha384: or sha512: and the lower-case hex digest."
        name={`${field}.checksum`}
        value={value.checksum}
        onChange={(e) => onChange({ ...value, checksum: e.target.value })}
        error={part('checksum')}
        spellCheck={false}
        autoCapitalize="off"
      />
    </fieldset>
  );
}
