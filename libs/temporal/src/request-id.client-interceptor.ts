import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, Headers } from '@temporalio/common';
import { currentRequestId } from '@aigov/observability/request-context';
import { REQUEST_ID_TEMPORAL_HEADER } from '@aigov/workflows/request-id.header';

function withRequestId(headers: Headers): Headers {
  const requestId = currentRequestId();
  return requestId ? { ...headers, [REQUEST_ID_TEMPORAL_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;
}

/**
 * Puts the current HTTP request's id into the Temporal header of every workflow start, Update and
 * Signal the API sends, where the workflow interceptor picks it up (workflows/src/request-id.interceptors.ts).
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdateWithStart: (input, next) => next({ ...input, workflowStartHeaders: withRequestId(input.workflowStartHeaders), updateHeaders: withRequestId(input.updateHeaders) }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
};
