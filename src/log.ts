import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Personal data never goes in: callers log ids and counts, and these
 * paths are redacted as a second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['email', 'phone', 'name', 'text', '*.email', '*.phone', '*.name', '*.text', 'profile', '*.profile', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
