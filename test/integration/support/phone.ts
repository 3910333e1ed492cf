/**
 * A phone's browser, enough for the sign-in pages: cookies by name, redirects followed by hand,
 * forms posted with the page's CSRF field and an Origin header, as a browser would.
 */
export class PhoneBrowser {
  private readonly cookies = new Map<string, string>();
  lastUrl = '';

  private readonly origin: string;
  /** The city's base path (`/t/<id>`): a path the test names, like `/link`, is below it. */
  private readonly basePath: string;

  /** `base`: the city's URL on the server, e.g. `http://127.0.0.1:8080/t/omura`. */
  constructor(base: string) {
    const url = new URL(base);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
  }

  async get(url: string): Promise<{ status: number; text: string; url: string }> {
    return this.follow(url, { method: 'GET' });
  }

  async post(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; text: string; url: string }> {
    const below =
      path.startsWith('/') && !path.startsWith(`${this.basePath}/`) ? `${this.basePath}${path}` : path;
    return this.follow(new URL(below, this.origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** The CSRF field of the last page. */
  static csrf(text: string): string {
    const match = /name="csrf" value="([^"]+)"/.exec(text);
    if (!match) throw new Error('no CSRF field on the page');
    return match[1] as string;
  }

  static formAction(text: string, contains: string): string {
    const actions = [...text.matchAll(/action="([^"]+)"/g)].map((m) =>
      (m[1] as string).replace(/&amp;/g, '&'),
    );
    const action = actions.find((a) => a.includes(contains));
    if (!action) throw new Error(`no form posting to ${contains}`);
    return action;
  }

  private async follow(
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; text: string; url: string }> {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await fetch(current, {
        ...request,
        headers: { ...request.headers, cookie: this.cookieHeader() },
        redirect: 'manual',
      });
      this.remember(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        request = { method: 'GET' };
        continue;
      }
      this.lastUrl = current;
      return { status: response.status, text: await response.text(), url: current };
    }
    throw new Error('too many redirects');
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair as string).split('=');
      if (!name) continue;
      const cleared = /max-age=0/i.test(header) || /expires=Thu, 01 Jan 1970/i.test(header);
      if (cleared) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
