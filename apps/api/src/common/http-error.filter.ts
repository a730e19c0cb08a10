import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RepeatedWarning } from '@aigov/observability/repeated-warning';
import { ApiErrorBody, reasonPhrase } from './api-error';
import { isDatabaseUnavailable } from './database-unavailable';
import { isWorkflowEngineUnavailable } from './engine-unavailable';

/** Seconds a client should wait before retrying while the database is unreachable. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Turns every exception into the one error shape. Unknown errors become a 500 whose body says
 * nothing about internals; the detail goes to the log only.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');
  /** an outage answers every request with a 503: one line per outage and minute, not per request */
  private readonly unavailable = new RepeatedWarning('answered 503, the database is unavailable', this.logger);
  private readonly engineUnavailable = new RepeatedWarning('answered 503, the lifecycle engine (Temporal) is unavailable', this.logger);
  /**
   * the API's own 503s (an Update that did not answer in time, an identity provider out of
   * reach): counted apart, so that a slow worker is not read in the log as a database outage
   */
  private readonly ownUnavailable = new RepeatedWarning('answered 503', this.logger);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, outage } = this.answerTo(exception);
    if (body.statusCode === 503) {
      (outage ?? this.ownUnavailable).failed((exception as Error)?.message ?? String(exception));
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** The answer, and for an outage the warning that counts it. Unknown errors become a 500. */
  private answerTo(exception: unknown): { body: ApiErrorBody; outage?: RepeatedWarning } {
    const own = this.statusOf(exception);
    if (own) return { body: own };
    if (isDatabaseUnavailable(exception)) {
      return { body: { statusCode: 503, error: reasonPhrase(503), message: 'the database is unavailable; retry shortly' }, outage: this.unavailable };
    }
    if (isWorkflowEngineUnavailable(exception)) {
      return { body: { statusCode: 503, error: reasonPhrase(503), message: 'the lifecycle engine is unavailable; retry shortly' }, outage: this.engineUnavailable };
    }
    return { body: { statusCode: 500, error: reasonPhrase(500), message: 'internal error' } };
  }

  /** The answer of an error that carries its own status (Nest's, Fastify's client errors); null for any other. */
  private statusOf(exception: unknown): ApiErrorBody | null {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const r = response as Partial<ApiErrorBody> & { message?: unknown };
        const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
        return { statusCode: status, error: reasonPhrase(status), message, ...(r.field ? { field: r.field } : {}) };
      }
      return { statusCode: status, error: reasonPhrase(status), message: String(response) };
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { statusCode: fastifyStatus, error: reasonPhrase(fastifyStatus), message: (exception as Error).message, ...(fastifyStatus === 400 ? { field: 'body' } : {}) };
    }
    return null;
  }
}
