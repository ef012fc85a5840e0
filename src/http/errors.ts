import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { ZodError, type ZodIssue } from 'zod';
import { AppError, isAppError } from '../domain/index.js';
import type { Logger } from '../log.js';

/** A name the client sent (an object key, a form field) shown only when it looks like a field name. */
const FIELD_NAME = /^[A-Za-z_][\w-]{0,63}$/;

/** A field path of the request: the schema's own names and array positions; any other key the client sent is shown as `?`. */
export function safePath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' || FIELD_NAME.test(p) ? String(p) : '?')).join('.');
}

/**
 * The message of one validation issue, built from the schema's side only (expected type, allowed
 * values, bounds, our own refinement messages). zod's own messages for some codes quote the value
 * that was sent ("received 'x'"), and a value may be personal data: they are never passed on.
 */
export function issueMessage(i: ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.received === 'undefined' ? 'Required' : `Expected ${i.expected}, received ${i.received}`;
    case 'invalid_enum_value':
      return `Expected one of: ${i.options.map(String).join(', ')}`;
    case 'invalid_literal':
      return `Expected ${JSON.stringify(i.expected)}`;
    case 'unrecognized_keys': {
      const named = i.keys.filter((k) => FIELD_NAME.test(k));
      const unnamed = i.keys.length - named.length;
      return `Unrecognized field(s): ${[...named, ...(unnamed ? [`${unnamed} more`] : [])].join(', ')}`;
    }
    case 'invalid_union_discriminator':
      return `Expected one of: ${i.options.map(String).join(', ')}`;
    case 'invalid_union':
      return 'Does not match any of the allowed forms';
    case 'invalid_date':
      return 'Invalid date';
    case 'invalid_string':
      // A custom message is the schema's; the default one names only the check ("Invalid email").
      return i.message;
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
    case 'not_finite':
    case 'custom':
      return i.message;
    default:
      return 'Invalid value';
  }
}

/** The one place where error codes become HTTP responses. Bodies never hold stack traces or personal data. */
export function toAppError(err: unknown, maxBytes: number): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) {
    return new AppError('validation_failed', 'The request is not valid.', {
      issues: err.issues.map((i) => ({ path: safePath(i.path), message: issueMessage(i) })),
    });
  }
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large', `The file is larger than the limit of ${maxBytes} bytes.`, { limit: maxBytes });
    return new AppError('bad_request', `The upload is not valid: ${err.message}.`, { field: err.field === undefined ? null : safePath([err.field]) });
  }
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large.');
  // A broken multipart body (busboy via multer): no boundary, truncated, malformed part headers.
  if (typeof e?.message === 'string' && /multipart|boundary|unexpected end of form|malformed part header|part terminated/i.test(e.message)) {
    return new AppError('bad_request', 'The upload is not a valid multipart form (send the CV as the form field "file").');
  }
  // Any other client error raised by the HTTP stack (http-errors with a 4xx status).
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', 'The request is not valid.');
  return new AppError('internal', 'Something went wrong on our side. The request id helps us find it.');
}

export function errorHandler(log: Logger, maxBytes: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err, maxBytes);
    const reqId = res.locals.requestId as string | undefined;
    // A stack only for the unforeseen (a bug); a 5xx we raise ourselves (parsers busy or down) is named by its code.
    if (!isAppError(err) && appErr.status >= 500) log.error({ reqId, err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'request failed');
    else if (appErr.status >= 500) log.warn({ reqId, code: appErr.code }, 'request failed');
    else log.info({ reqId, code: appErr.code }, 'request refused');
    if (appErr.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(appErr.retryAfterSeconds))));
    res.status(appErr.status).json({ error: { code: appErr.code, message: appErr.message, ...(appErr.details ? { details: appErr.details } : {}) }, requestId: reqId });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}.`));
};
