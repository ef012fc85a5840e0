/** A tiny cookie-keeping HTTP client for page tests: no redirects followed, CSRF token read from the last page. */
export class PageClient {
  readonly cookies = new Map<string, string>();
  setCookies: string[] = [];
  csrf = '';

  constructor(readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    this.setCookies = res.headers.getSetCookie();
    for (const c of this.setCookies) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<{ status: number; text: string; headers: Headers; location: string | null }> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...opts.headers };
    let body: string | undefined;
    if (opts.form) {
      const form = { ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...opts.form };
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    } else if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    const m = /name="csrf-token" content="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, text, headers: res.headers, location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(path: string, form: Record<string, string> = {}, opts: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    return this.request('POST', path, { form, ...opts });
  }

  /** GET, then follow one redirect if there is one. */
  async follow(path: string) {
    const r = await this.get(path);
    return r.location ? this.get(r.location) : r;
  }
}

/** Inline scripts, inline styles and inline event handlers in a page (the CSP forbids all three). */
export function inlineCode(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) if (!/\bsrc=/.test(m[1]!) || m[2]!.trim()) out.push(m[0].slice(0, 80));
  for (const m of html.matchAll(/<style\b/gi)) out.push(m[0]);
  for (const m of html.matchAll(/<[a-z][^>]*\s(style|on[a-z]+)\s*=/gi)) out.push(m[0].slice(0, 80));
  return out;
}
