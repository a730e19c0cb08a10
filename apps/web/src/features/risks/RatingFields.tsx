import { humanize } from '../../app/format';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { fieldError } from '../../components/FormProblem';
import { PersonSelect } from '../people/PersonSelect';
import type { RatingInputs } from './risk-form';
import { RISK_TREATMENTS, type RiskMatrix } from './risk-queries';

/** Rating on the policy's matrix, treatment, controls, next review and owner: shared by registering and editing a risk. */
export function RatingFields({ matrix, value, onChange, error }: { matrix: RiskMatrix; value: RatingInputs; onChange: (next: RatingInputs) => void; error: unknown }) {
  const set = (key: keyof RatingInputs) => (event: { target: { value: string } }) => onChange({ ...value, [key]: event.target.value });
  const level = (name: string, key: keyof RatingInputs, levels: string[]) => (
    <SelectField label={name} value={value[key]} onChange={set(key)} error={fieldError(error, key)}>
      <option value="">Not rated</option>
      {levels.map((l) => (
        <option key={l} value={l}>
          {humanize(l)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <>
      <fieldset>
        <legend>Inherent rating (before treatment)</legend>
        <div className="field-pair">
          {level('Inherent likelihood', 'inherentLikelihood', matrix.likelihood)}
          {level('Inherent impact', 'inherentImpact', matrix.impact)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Residual rating (after treatment)</legend>
        <div className="field-pair">
          {level('Residual likelihood', 'residualLikelihood', matrix.likelihood)}
          {level('Residual impact', 'residualImpact', matrix.impact)}
        </div>
      </fieldset>
      <SelectField
        label="Treatment"
        hint={`Accepting a risk whose residual rating is above ${humanize(matrix.appetite)} needs an approval round (ask for it on the risk’s page).`}
        value={value.treatment}
        onChange={set('treatment')}
        error={fieldError(error, 'treatment')}
      >
        <option value="">Not decided</option>
        {RISK_TREATMENTS.map((t) => (
          <option key={t} value={t}>
            {humanize(t)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label="Controls that treat it"
        hint="One a line, framework then ref: iso42001 A.6.2.6, iso27001 A.8.15."
        rows={3}
        value={value.controls}
        onChange={set('controls')}
        error={fieldError(error, 'controls')}
      />
      <TextField label="Next review" type="date" value={value.nextReviewAt} onChange={set('nextReviewAt')} error={fieldError(error, 'nextReviewAt')} />
      <PersonSelect label="Owner" value={value.ownerId} onChange={set('ownerId')} error={fieldError(error, 'ownerId')} />
    </>
  );
}

export const RATING_FIELDS = ['inherentLikelihood', 'inherentImpact', 'residualLikelihood', 'residualImpact', 'treatment', 'controls', 'nextReviewAt', 'ownerId', 'pdcaItemIds'];
