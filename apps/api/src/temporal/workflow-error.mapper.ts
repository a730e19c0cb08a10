import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { REFUSAL, RefusalDetails } from '@aigov/workflows/lifecycle.definitions';
import { ApiError } from '../common/api-error';

const STATUS_BY_REFUSAL: Record<string, number> = {
  [REFUSAL.badRequest]: 400,
  [REFUSAL.forbidden]: 403,
  [REFUSAL.notFound]: 404,
  [REFUSAL.conflict]: 409,
};

/**
 * Maps what a workflow Update answered to HTTP. Validators refuse with typed
 * ApplicationFailures (nothing was recorded); anything else is a server-side failure.
 */
export function mapWorkflowError(error: unknown, ended: () => ApiError): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type && STATUS_BY_REFUSAL[cause.type]) {
      const details = (cause.details?.[0] ?? {}) as RefusalDetails;
      return new ApiError(STATUS_BY_REFUSAL[cause.type], cause.message, details.field);
    }
    return error;
  }
  // The workflow has completed (a retired system): there is nothing left to act on.
  if (error instanceof WorkflowNotFoundError) return ended();
  if (error instanceof ServiceError && /already completed/i.test(error.message)) return ended();
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError(503, 'the lifecycle engine did not answer in time; the action may still complete, check the system before retrying');
  }
  return error;
}
