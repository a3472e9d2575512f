/**
 * fetch as a browser uses it for a redirect-driven sign-in: cookies kept (by name, across the
 * 127.0.0.1 ports, as browsers do), redirects followed by hand so a test sees every hop.
 */
export class CookieFetch {
  readonly jar = new Map<string, string>();

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\b/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until one leads to an address `stop` accepts, or a page answers. */
  async follow(url: string | URL, stop: (u: URL) => boolean): Promise<{ url: URL; res: Response | null }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (stop(current)) return { url: current, res: null };
      const res = await this.fetch(current);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        current = new URL(location, current);
        continue;
      }
      return { url: current, res };
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }
}

/** The action of the first form on an HTML page. */
export function formAction(html: string, base: URL): URL {
  const m = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no form on ${base.href}: ${html.slice(0, 300)}`);
  return new URL(m[1]!.replace(/&amp;/g, '&'), base);
}
