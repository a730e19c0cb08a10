import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/** Dotted path of the first failing property, e.g. `configuration.temperature`. */
function firstFailure(errors: ValidationError[], prefix = ''): { field: string; reason: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const reason = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (reason) return { field, reason };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * Whitelisting strips nothing silently: unknown properties are refused, so a typo in a
 * field name is a 400 rather than an ignored value.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const failure = firstFailure(errors);
      return new ApiError(400, failure ? failure.reason : 'invalid request', failure?.field);
    },
  });
}
