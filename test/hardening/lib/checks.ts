/** Checks on every answer: the error shape, no stack traces, no personal data. */
import { ERROR_CODES, type ErrorCode } from '../../../src/domain/index.js';
import type { Reply } from './http.js';

/** Text that looks like a stack trace or an internal path. */
const STACK = /\n\s+at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)|\.ts:\d+|\.m?js:\d+:\d+|node_modules|\/work\/|file:\/\//;

export function looksLikeStack(text: string): boolean {
  return STACK.test(text);
}

/** The first personal string (fixture e-mail address, name or phone) found in `text`, case-insensitive. */
export function personalIn(text: string, personal: readonly string[]): string | null {
  const lower = text.toLowerCase();
  for (const p of personal) if (p.length >= 4 && lower.includes(p.toLowerCase())) return p;
  return null;
}

/**
 * Problems of an error answer: not JSON, not `{ error: { code, message }, requestId }`, a status
 * that is not the one the code maps to, a stack trace, or personal data.
 */
export function errorProblems(r: Reply, personal: readonly string[] = []): string[] {
  const out: string[] = [];
  const body = r.json as { error?: { code?: unknown; message?: unknown }; requestId?: unknown } | undefined;
  if (!body || typeof body !== 'object') return [`status ${r.status} without a JSON body: ${r.text.slice(0, 120)}`];
  const code = body.error?.code;
  if (typeof code !== 'string' || typeof body.error?.message !== 'string') out.push(`status ${r.status}: no error.code/error.message`);
  else if (!(code in ERROR_CODES)) out.push(`unknown error code ${code}`);
  else if (ERROR_CODES[code as ErrorCode] !== r.status) out.push(`code ${code} came with status ${r.status}`);
  if (typeof body.requestId !== 'string') out.push('no requestId');
  if (looksLikeStack(r.text)) out.push(`stack trace or internal path in the body: ${r.text.slice(0, 200)}`);
  const p = personalIn(r.text, personal);
  if (p) out.push(`personal data in an error body: ${p}`);
  return out;
}
