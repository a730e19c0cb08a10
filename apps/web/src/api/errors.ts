/**
 * The API's one error shape (apps/api/src/common/api-error.ts): a status, a message for people
 * and, where there is one, the offending `field`. Every failed call becomes an ApiError, so
 * screens show the API's own reason (a 409 says why the action is not allowed now).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

/** An ApiError from a failed response and its (possibly non-JSON) body. */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const problem = typeof body === 'object' && body !== null ? (body as { message?: unknown; field?: unknown }) : {};
  const message =
    typeof problem.message === 'string' && problem.message
      ? problem.message
      : Array.isArray(problem.message)
        ? problem.message.join('; ')
        : `${response.status} ${response.statusText || 'request failed'}`;
  return new ApiError(response.status, message, typeof problem.field === 'string' ? problem.field : undefined);
}

/** The network failed before any answer (offline, server down). */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, `The server could not be reached (${cause instanceof Error ? cause.message : String(cause)}). Check your connection and try again.`);
}

/**
 * The data of an openapi-fetch call, or its ApiError thrown: `unwrap(await api.GET(...))` in a
 * query or mutation function.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw apiErrorOf(result.response, result.error);
}

/** What to tell a person about any error a query or mutation threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
