import type { RunningMinidesk } from "../../app/server/services.server";

/** Starts the real app (HTTP on a free port, real SQLite file) inside the test process. */
export async function startTestApp(opts: { background?: boolean } = {}): Promise<RunningMinidesk> {
  const { startMinidesk } = await import("../../app/server/services.server");
  return startMinidesk({ port: 0, background: opts.background ?? false });
}

/**
 * A small browser stand-in: keeps cookies, reads the CSRF token from the last page,
 * and posts forms the way a browser does (same Origin, no redirect following).
 */
export class TestBrowser {
  cookies = new Map<string, string>();
  csrf = "";
  /**
   * The browser's language, sent as Accept-Language (none when unset: DEFAULT_LOCALE applies).
   * Tests that read English staff text sign in with "en", as an English browser would.
   */
  constructor(public baseUrl: string, public language?: string) {}

  private languageHeader(): Record<string, string> {
    return this.language ? { "Accept-Language": this.language } : {};
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, { headers: { Cookie: this.cookieHeader(), ...this.languageHeader(), ...headers }, redirect: "manual" });
    this.remember(res);
    const text = await res.text();
    const m = /name="csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, headers: res.headers, text };
  }

  async post(path: string, fields: Record<string, string | string[]> | FormData, opts: { csrf?: boolean; origin?: string } = {}) {
    let body: URLSearchParams | FormData;
    if (fields instanceof FormData) {
      body = fields;
      if (opts.csrf !== false && !body.has("csrf")) body.set("csrf", this.csrf);
    } else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) body.append(k, x);
      if (opts.csrf !== false) body.set("csrf", this.csrf);
    }
    const res = await fetch(this.baseUrl + path, {
      method: "POST",
      body,
      headers: { Cookie: this.cookieHeader(), Origin: opts.origin ?? this.baseUrl, ...this.languageHeader() },
      redirect: "manual",
    });
    this.remember(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get("Location") };
  }
}
