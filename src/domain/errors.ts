/** One catalogue of error codes; HTTP statuses are mapped in one place (http/errors.ts). */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_file: 422,
  encrypted_pdf: 422,
  no_text_layer: 422,
  too_many_pages: 413,
  parse_timeout: 422,
  rate_limited: 429,
  quota_exceeded: 429,
  internal: 500,
  not_ready: 503,
  overloaded: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
    /** Seconds after which a retry may succeed (sent as Retry-After with 429 and 503). */
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
