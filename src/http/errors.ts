import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { ZodError } from 'zod';
import { AppError, isAppError } from '../domain/index.js';
import type { Logger } from '../log.js';

/** The one place where error codes become HTTP responses. Bodies never hold stack traces or personal data. */
export function toAppError(err: unknown, maxBytes: number): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) {
    return new AppError('validation_failed', 'The request is not valid.', {
      issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large', `The file is larger than the limit of ${maxBytes} bytes.`, { limit: maxBytes });
    return new AppError('bad_request', `The upload is not valid: ${err.message}.`, { field: err.field ?? null });
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
    if (appErr.status >= 500) log.error({ reqId, err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'request failed');
    else log.info({ reqId, code: appErr.code }, 'request refused');
    res.status(appErr.status).json({ error: { code: appErr.code, message: appErr.message, ...(appErr.details ? { details: appErr.details } : {}) }, requestId: reqId });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}.`));
};
