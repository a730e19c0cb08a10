/**
 * Runs a mutation, then `after` with its result, even when the form that asked has unmounted
 * by then. mutate(body, { onSuccess }) drops its callback once the observer is gone, and a form
 * offered only in some states does go: the write's own onSuccess refreshes the reads, the
 * refreshed system no longer offers the action (a change proposed, a version deployed), and
 * React removes the form before the callback runs, so the page never said what happened. A
 * refusal needs nothing here: the form shows it from the mutation's error while it is mounted.
 */
export function mutateThen<Variables, Result>(mutation: { mutateAsync: (variables: Variables) => Promise<Result> }, variables: Variables, after: (result: Result) => void): void {
  mutation.mutateAsync(variables).then(after, () => undefined);
}
