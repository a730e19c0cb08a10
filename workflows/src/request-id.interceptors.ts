import {
  defaultPayloadConverter,
  Headers,
  Next,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { REQUEST_ID_TEMPORAL_HEADER } from './request-id.header';

function requestIdOf(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_TEMPORAL_HEADER];
  if (!payload) return undefined;
  try {
    const value = defaultPayloadConverter.fromPayload<unknown>(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Carries the request id from what came into the workflow (its start, an Update, a Signal) to
 * what it sends out (activities, local activities, child workflows) and onto its log lines. The
 * id is the latest one received: a workflow's main loop usually acts on the state an Update just
 * changed, so what it schedules next belongs to that request.
 *
 * Deterministic: the id comes only from inbound headers, which history records, so a replay sees
 * the same ids at the same points. Validators are not intercepted: they do not run on replay.
 * Registered in the bundle (`workflowInterceptorModules`, see libs/temporal/src/workflow-interceptor-modules.ts).
 */
export const interceptors = (): WorkflowInterceptors => {
  let requestId: string | undefined;
  const remember = (headers: Headers) => {
    requestId = requestIdOf(headers) ?? requestId;
  };
  const withId = (headers: Headers): Headers =>
    requestId && !headers[REQUEST_ID_TEMPORAL_HEADER] ? { ...headers, [REQUEST_ID_TEMPORAL_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;

  const inbound: WorkflowInboundCallsInterceptor = {
    execute(input, next) {
      remember(input.headers);
      return next(input);
    },
    handleUpdate(input, next) {
      remember(input.headers);
      return next(input);
    },
    handleSignal(input, next) {
      remember(input.headers);
      return next(input);
    },
  };
  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) => next({ ...input, headers: withId(input.headers) }),
    scheduleLocalActivity: (input, next) => next({ ...input, headers: withId(input.headers) }),
    startChildWorkflowExecution: (input, next) => next({ ...input, headers: withId(input.headers) }),
    getLogAttributes: (input, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>) => next(requestId ? { ...input, requestId } : input),
  };
  return { inbound: [inbound], outbound: [outbound] };
};
