import path from 'node:path';
import { z } from 'zod';

/** All settings, read once from the environment and validated. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  MODELS_DIR: z.string().default('./models'),
  SHARED_DATA_DIR: z.string().default('../shared/data'),
  EMBED_BACKEND: z.enum(['use', 'transformers']).default('use'),
  EMBED_MODEL: z.string().optional(),
  EMBED_WORKER: z
    .enum(['0', '1', 'true', 'false'])
    .default('true')
    .transform((v) => v === '1' || v === 'true'),
  INDEX_SAVE_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  INDEX_EF: z.coerce.number().int().min(1).max(4096).default(64),
  INDEX_COMPACT_SHARE: z.coerce.number().gt(0).max(0.9).default(0.2),
  EMBED_ALLOW_REMOTE: z
    .enum(['0', '1', 'true', 'false'])
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  UPLOAD_MAX_PAGES: z.coerce.number().int().positive().default(50),
  PARSE_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  PARSE_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  PARSE_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Files waiting for a parser process beyond which uploads are refused with 503 (not queued). */
  PARSE_MAX_QUEUED: z.coerce.number().int().min(1).max(10_000).default(16),
  /** Uploads per caller (staff token, else client address) per clock hour and per 24 hours. */
  UPLOAD_QUOTA_PER_HOUR: z.coerce.number().int().min(1).default(300),
  UPLOAD_QUOTA_PER_DAY: z.coerce.number().int().min(1).default(1000),
  DEMO_DATA: z
    .enum(['0', '1', 'true', 'false'])
    .default('true')
    .transform((v) => v === '1' || v === 'true'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** 401 answers (missing or bad bearer token) per client address per minute before it gets 429s. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  REVIEW_FOUR_EYES: z
    .enum(['0', '1', 'true', 'false'])
    .default('true')
    .transform((v) => v === '1' || v === 'true'),
  REVIEW_MIN_SECONDS_PER_CANDIDATE: z.coerce.number().min(0).default(20),
  REVIEW_CUT: z.coerce.number().int().min(1).max(100).default(10),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(183, 'keep audit events at least 6 months (183 days)').default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Append the JSON log to this file instead of writing it to stdout. */
  LOG_FILE: z.string().min(1).optional(),
  /** Job alerts: SMTP when SMTP_URL is set (smtp:// or smtps://), else .eml files in MAIL_DIR. */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//i.test(u), 'expected smtp://… or smtps://…')
    .optional(),
  MAIL_DIR: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('JobMatch <alerts@jobmatch.local>'),
  /** The site's address in mails; defaults to http://HOST:PORT (a wildcard HOST becomes 127.0.0.1). */
  PUBLIC_URL: z.string().url().optional(),
  ALERTS_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(5),
  /** How often the alert sender drains the outbox; 0 turns the timer off (tests call drain()). */
  ALERT_SEND_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  modelsDir: string;
  sharedDataDir: string;
  embed: { backend: 'use' | 'transformers'; model?: string; allowRemote: boolean; worker: boolean };
  index: { ef: number; saveIntervalMs: number; compactShare: number };
  upload: { maxBytes: number; maxPages: number; timeoutMs: number; maxUncompressedBytes: number; threads: number; maxQueued: number };
  /** Uploads per caller: per clock hour (UTC) and per the 24 hours ending with the current hour. */
  uploadQuota: { perHour: number; perDay: number };
  demoData: boolean;
  review: { fourEyes: boolean; minSecondsPerCandidate: number; cut: number };
  auditRetentionDays: number;
  rateLimitPerMinute: number;
  authFailuresPerMinute: number;
  logLevel: string;
  /** Where the JSON log goes; null: stdout. */
  logFile: string | null;
  alerts: { smtpUrl: string | null; mailDir: string; mailFrom: string; publicUrl: string; dailyCap: number; sendIntervalMs: number };
}

/** Where the service listens, as a URL: a wildcard address (0.0.0.0, ::) is reached on loopback. */
export function defaultPublicUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    modelsDir: path.resolve(e.MODELS_DIR),
    sharedDataDir: path.resolve(e.SHARED_DATA_DIR),
    embed: { backend: e.EMBED_BACKEND, model: e.EMBED_MODEL, allowRemote: e.EMBED_ALLOW_REMOTE, worker: e.EMBED_WORKER },
    index: { ef: e.INDEX_EF, saveIntervalMs: e.INDEX_SAVE_INTERVAL_MS, compactShare: e.INDEX_COMPACT_SHARE },
    upload: {
      maxBytes: e.UPLOAD_MAX_BYTES,
      maxPages: e.UPLOAD_MAX_PAGES,
      timeoutMs: e.PARSE_TIMEOUT_MS,
      maxUncompressedBytes: e.PARSE_MAX_UNCOMPRESSED_BYTES,
      threads: e.PARSE_THREADS,
      maxQueued: e.PARSE_MAX_QUEUED,
    },
    uploadQuota: { perHour: e.UPLOAD_QUOTA_PER_HOUR, perDay: e.UPLOAD_QUOTA_PER_DAY },
    demoData: e.DEMO_DATA,
    review: { fourEyes: e.REVIEW_FOUR_EYES, minSecondsPerCandidate: e.REVIEW_MIN_SECONDS_PER_CANDIDATE, cut: e.REVIEW_CUT },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE ? path.resolve(e.LOG_FILE) : null,
    alerts: {
      smtpUrl: e.SMTP_URL ?? null,
      mailDir: path.resolve(e.MAIL_DIR ?? path.join(e.DATA_DIR, 'mail')),
      mailFrom: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? defaultPublicUrl(e.HOST, e.PORT)).replace(/\/+$/, ''),
      dailyCap: e.ALERTS_DAILY_CAP,
      sendIntervalMs: e.ALERT_SEND_INTERVAL_MS,
    },
    ...overrides,
  };
}
