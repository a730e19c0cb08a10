// The workflow bundle's entry: every workflow type the worker registers.
export { aiSystemLifecycle } from './ai-system-lifecycle.workflow';
export { approvalRequest } from './approval-request.workflow';
