import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Personal data never goes in: callers log ids and counts, and these
 * paths are redacted as a second line of defence. `destination` is a stream, or a file the
 * log is appended to (written synchronously, so nothing is lost when the process is killed).
 */
export function createLogger(level: string, destination?: pino.DestinationStream | string | null): Logger {
  const dest = typeof destination === 'string' ? pino.destination({ dest: destination, append: true, mkdir: true, sync: true }) : (destination ?? undefined);
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['email', 'phone', 'name', 'text', '*.email', '*.phone', '*.name', '*.text', 'profile', '*.profile', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    dest,
  );
}
