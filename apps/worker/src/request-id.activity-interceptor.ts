import type { Context } from '@temporalio/activity';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptors } from '@temporalio/worker';
import { requestContext } from '@aigov/observability/request-context';
import { REQUEST_ID_TEMPORAL_HEADER } from '@aigov/workflows/request-id.header';

/**
 * Puts the request id the workflow passed in the activity's header (workflows/src/request-id.interceptors.ts)
 * into the activity's log context: on the SDK's activity log lines (`Activity completed`,
 * `Activity failed`, `log` from @temporalio/activity) as `requestId`, and in async local storage
 * for every line the activity's own code logs through Nest or pino. One pair per execution.
 */
export function requestIdActivityInterceptors(_ctx: Context): ActivityInterceptors {
  let requestId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        const payload = input.headers[REQUEST_ID_TEMPORAL_HEADER];
        const value = payload ? safeDecode(payload) : undefined;
        if (!value) return next(input);
        requestId = value;
        return requestContext.run({ requestId: value }, () => next(input));
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId ? { ...input, requestId } : input),
    },
  };
}

function safeDecode(payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0]): string | undefined {
  try {
    const value = defaultPayloadConverter.fromPayload<unknown>(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
