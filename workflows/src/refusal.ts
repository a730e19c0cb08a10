import { ApplicationFailure } from '@temporalio/workflow';
import { REFUSAL, RefusalType } from './lifecycle.definitions';

/**
 * Refuses an Update from its validator. A validator that throws leaves no trace in the
 * workflow history, so the API can answer 4xx knowing that nothing changed.
 */
export function refuse(type: RefusalType, message: string, field?: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: field ? [{ field }] : [] });
}

export const conflict = (message: string, field?: string): never => refuse(REFUSAL.conflict, message, field);
export const badRequest = (message: string, field?: string): never => refuse(REFUSAL.badRequest, message, field);
export const forbidden = (message: string, field?: string): never => refuse(REFUSAL.forbidden, message, field);
export const notFound = (message: string, field?: string): never => refuse(REFUSAL.notFound, message, field);
