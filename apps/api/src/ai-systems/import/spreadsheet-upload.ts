import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/api-error';
import { CSV_MEDIA_TYPE, fileTooLarge, XLSX_MEDIA_TYPE } from './import-file.reader';

/** The routes that take a spreadsheet as their body. */
export const IMPORT_UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/api/v1/ai-systems/imports', '/api/v1/ai-systems/imports/dry-run']);

/**
 * Media types an import's body may have. `text/plain` is not among them: Fastify parses it for
 * every route. `application/octet-stream` and `application/vnd.ms-excel` (what Windows names a
 * .csv when Excel is installed) are told apart by their bytes.
 */
export const UPLOAD_MEDIA_TYPES = [CSV_MEDIA_TYPE, 'application/csv', XLSX_MEDIA_TYPE, 'application/octet-stream', 'application/vnd.ms-excel'] as const;

/**
 * A file sent as the request body. The bytes are not enumerable and toJSON gives the hash, so
 * what walks or fingerprints a body (the body bounds, the Idempotency-Key's request hash) sees
 * three small fields, and the same key with another file is another request.
 */
export class UploadedSpreadsheet {
  readonly sha256: string;
  readonly size: number;
  declare readonly bytes: Buffer;

  constructor(
    bytes: Buffer,
    readonly mediaType: string,
  ) {
    Object.defineProperty(this, 'bytes', { value: bytes, enumerable: false });
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
    this.size = bytes.length;
  }

  toJSON(): { sha256: string; size: number; mediaType: string } {
    return { sha256: this.sha256, size: this.size, mediaType: this.mediaType };
  }
}

/**
 * Reads a spreadsheet body for the import routes, counting bytes as they arrive: a declared
 * Content-Length past the limit is refused before reading, a body that grows past it is refused
 * where it crosses (413, field `file`). Other routes refuse these media types (415). Registered
 * once on the Fastify instance, like the bounded JSON parser (common/body-bounds.hook.ts).
 */
export function registerSpreadsheetUploadParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addContentTypeParser([...UPLOAD_MEDIA_TYPES], (request: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void) => {
    const mediaType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!IMPORT_UPLOAD_ROUTES.has(request.routeOptions.url ?? '')) {
      done(new ApiError(415, `this endpoint does not take ${mediaType}; send JSON`, 'Content-Type'));
      return;
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      done(fileTooLarge(declared, maxBytes).toApiError());
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > maxBytes) {
        stop();
        done(fileTooLarge(null, maxBytes).toApiError());
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      done(null, new UploadedSpreadsheet(Buffer.concat(chunks, received), mediaType));
    };
    const onError = (error: Error) => {
      stop();
      done(new ApiError(400, `the upload failed: ${error.message}`, 'file'));
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}

/** The uploaded file of an import route; a request without one is told how to send it. */
export const SpreadsheetBody = createParamDecorator((_: unknown, ctx: ExecutionContext): UploadedSpreadsheet => {
  const body = ctx.switchToHttp().getRequest<{ body?: unknown }>().body;
  if (body instanceof UploadedSpreadsheet) return body;
  const how = `send the file itself as the request body, with Content-Type ${CSV_MEDIA_TYPE} or ${XLSX_MEDIA_TYPE}`;
  if (body === undefined || body === null || body === '') throw new ApiError(400, `no file: ${how}`, 'file');
  throw new ApiError(415, `a JSON body is not a file: ${how}`, 'Content-Type');
});
