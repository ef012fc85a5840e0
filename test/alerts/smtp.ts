/** A real SMTP server (smtp-server) on loopback for the alert tests, recording what it accepted. */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  raw: string;
  /** When the server sent its 250 (ms, performance.timeOrigin + now: comparable across processes). */
  acceptedAt: number;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Message-IDs of messages refused with 451 (a temporary failure), in order. */
  refusedIds: string[];
  /** Messages whose client vanished (e.g. was killed) before the server committed them: not delivered. */
  aborted: number;
  close(): Promise<void>;
}

export interface SmtpOptions {
  /** Refuse the first n messages with 451 (a temporary failure). */
  refuseFirst?: number;
  /** Refuse these recipients for good (550 at RCPT TO). */
  refuseRcpt?: (address: string) => boolean;
  /** Wait this long before answering DATA (to catch a sender mid-drain). */
  delayMs?: number;
  /**
   * Called when a message has fully arrived, before the server commits it and answers 250. The
   * server then commits only if the client's connection is still open: a message whose client
   * vanished before the commit is counted in `aborted`, not delivered. Return true when the hook
   * killed the client, so the server waits to see the connection close.
   */
  beforeReply?: (mail: ReceivedMail, index: number) => boolean | Promise<boolean>;
  /** Called right after the 250 was handed to the socket (the message is delivered). */
  afterReply?: (mail: ReceivedMail, index: number) => void;
}

/** Headers of a raw message, folded lines joined, names lower-cased. */
export function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/** The decoded text body (quoted-printable, base64 or 7bit). */
export function bodyText(raw: string, headers: Map<string, string>): string {
  const body = raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  const enc = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      const m = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
      if (m) {
        bytes.push(parseInt(m[1]!, 16));
        i += 2;
      } else for (const b of Buffer.from(joined[i]!, 'utf8')) bytes.push(b);
    }
    return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
  }
  return body.replace(/\r\n/g, '\n');
}

/** Decodes an RFC 2047 encoded-word subject (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
export function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

export async function startSmtp(opts: SmtpOptions = {}): Promise<TestSmtp> {
  const state: TestSmtp = { url: '', received: [], refusedIds: [], aborted: 0, close: async () => undefined };
  let seen = 0;
  const closed = new Map<string, () => void>();
  const closedIds = new Set<string>();
  const whenClosed = (id: string, ms: number): Promise<boolean> =>
    closedIds.has(id)
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const t = setTimeout(() => resolve(false), ms);
          closed.set(id, () => {
            clearTimeout(t);
            resolve(true);
          });
        });
  const server = new SMTPServer({
    onClose(session) {
      closedIds.add(session.id);
      closed.get(session.id)?.();
    },
    onRcptTo(address, _session, callback) {
      if (opts.refuseRcpt?.(address.address)) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          const index = seen++;
          const raw = Buffer.concat(chunks).toString('utf8');
          const headers = parseHeaders(raw);
          const mail: ReceivedMail = {
            messageId: headers.get('message-id') ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            headers,
            subject: decodeWords(headers.get('subject') ?? ''),
            text: bodyText(raw, headers),
            raw,
            acceptedAt: 0,
          };
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          if (index < (opts.refuseFirst ?? 0)) {
            state.refusedIds.push(mail.messageId);
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          const killed = (await opts.beforeReply?.(mail, index)) ?? false;
          if (killed ? await whenClosed(session.id, 5000) : closedIds.has(session.id)) {
            state.aborted++;
            return;
          }
          mail.acceptedAt = performance.timeOrigin + performance.now();
          state.received.push(mail);
          callback(null, 'queued');
          opts.afterReply?.(mail, index);
        })();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
