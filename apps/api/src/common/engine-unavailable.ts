import { isGrpcServiceError } from '@temporalio/client';
import { someCause } from './cause-chain';

/** gRPC's status code UNAVAILABLE (fixed by the gRPC specification). */
const GRPC_UNAVAILABLE = 14;

/**
 * Whether an error means Temporal's server could not serve the call now: gRPC UNAVAILABLE, which
 * the client answers when it cannot reach the server (a restart) and Temporal's frontend answers
 * while its own persistence is away (PostgreSQL restarting under a cluster that keeps its state
 * there), after the client's own retries. Nothing was done, so the client may retry; the API's
 * Updates carry an id derived from the Idempotency-Key, so a retry that does reach the engine joins
 * the first attempt rather than acting twice. The Temporal client wraps the gRPC error
 * (ServiceError.cause).
 */
export function isWorkflowEngineUnavailable(error: unknown): boolean {
  return someCause(error, (e) => isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE);
}
