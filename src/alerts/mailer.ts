/**
 * Delivery through nodemailer: SMTP when SMTP_URL is set, otherwise .eml files in MAIL_DIR (the
 * offline default, so `npm start` needs no mail server). A folder delivery is idempotent per
 * Message-ID (the file is named after it and written by rename), an SMTP delivery is not (see
 * sender.ts for what that means for duplicates).
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  /** `<local@domain>`, stable for the outbox rows the mail carries. */
  messageId: string;
  date: Date;
  /** The one-click unsubscribe URL: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  listUnsubscribe: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'folder';
  send(m: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** What went wrong, without the message text (an SMTP reply can quote the address). */
export interface Failure {
  summary: string;
  /** Retrying cannot help: the server refused this recipient or this message for good. */
  permanent: boolean;
}

export function failureOf(e: unknown): Failure {
  const x = (e ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const code = typeof x.code === 'string' ? x.code : 'error';
  const status = typeof x.responseCode === 'number' ? x.responseCode : null;
  const command = typeof x.command === 'string' ? x.command.split(' ').slice(0, 2).join(' ') : null;
  const summary = `${code}${status ? ` ${status}` : ''}${command ? ` at ${command}` : ''}`;
  const permanent = status !== null && status >= 550 && status <= 554 && (command === 'RCPT TO' || command === 'DATA');
  return { summary, permanent };
}

function message(m: OutgoingMail): SendMailOptions {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    date: m.date,
    list: { unsubscribe: m.listUnsubscribe },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
  };
}

class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  private readonly t: Transporter;
  constructor(url: string) {
    // One pooled connection, reused across mails (the sender sends one at a time; `?pool=false` in
    // the URL turns it off). Bounded waits, so a hanging server cannot hold the sender for long.
    this.t = nodemailer.createTransport({ url, pool: true, maxConnections: 1, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }
  async send(m: OutgoingMail): Promise<{ response: string }> {
    const info = (await this.t.sendMail(message(m))) as { response?: string };
    return { response: info.response ?? '' };
  }
  close(): void {
    this.t.close();
  }
}

/** File name of a mail in the folder: the Message-ID, reduced to safe characters. */
export const emlName = (messageId: string): string => `${messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;

class FolderMailer implements Mailer {
  readonly kind = 'folder';
  private readonly t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  constructor(readonly dir: string) {}
  async send(m: OutgoingMail): Promise<{ response: string }> {
    const info = await this.t.sendMail(message(m));
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, emlName(m.messageId));
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, info.message as Buffer, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return { response: `written ${path.basename(file)}` };
  }
  close(): void {
    this.t.close();
  }
}

export function createMailer(opts: { smtpUrl: string | null; mailDir: string }): Mailer {
  return opts.smtpUrl ? new SmtpMailer(opts.smtpUrl) : new FolderMailer(opts.mailDir);
}
