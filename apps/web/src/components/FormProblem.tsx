import { ApiError, messageOf } from '../api/errors';

/**
 * Why a form's request failed, above the form (which keeps its input). A 409 says the action
 * is not possible now and the API's reason why.
 */
export function FormProblem({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const conflict = error instanceof ApiError && error.isConflict;
  return (
    <div className="form-problem" role="alert" id={id}>
      <p className="form-problem__title">{conflict ? 'This is not possible right now' : 'That did not work'}</p>
      <p>{messageOf(error)}</p>
    </div>
  );
}

/** The API's message for one field, when the error names it. */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  return fields.some((field) => error.field === field || error.field!.startsWith(`${field}.`) || error.field!.startsWith(`${field}[`))
    ? error.message
    : undefined;
}
