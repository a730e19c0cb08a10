import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error body every 4xx/5xx answer has, documented in the OpenAPI document. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASON[status] ?? 'Error';
}

/** An HTTP error that names the offending field, so clients can point the user at it. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus | number, message: string, readonly field?: string) {
    super({ statusCode: status, error: reasonPhrase(status), message, ...(field ? { field } : {}) } satisfies ApiErrorBody, status);
  }
}

export const badRequest = (message: string, field?: string) => new ApiError(400, message, field);
export const unauthorized = (message: string) => new ApiError(401, message);
export const forbidden = (message: string, field?: string) => new ApiError(403, message, field);
export const notFound = (message: string, field?: string) => new ApiError(404, message, field);
export const conflict = (message: string, field?: string) => new ApiError(409, message, field);
export const gone = (message: string, field?: string) => new ApiError(410, message, field);
