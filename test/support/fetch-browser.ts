interface StoredCookie {
  value: string;
  path: string;
}

/**
 * What a browser does that an OpenID Connect flow depends on, with fetch: one cookie jar for 127.0.0.1
 * (browsers do not separate cookies by port, so the API's and the provider's share it), honouring Path
 * and Max-Age, and redirects left to the caller so each hop can be looked at.
 */
export class FetchBrowser {
  private readonly jar = new Map<string, StoredCookie & { name: string }>();

  /** A GET that does not follow redirects. */
  get(url: string | URL): Promise<Response> {
    return this.send(new URL(url), { method: 'GET' });
  }

  /** Submits a form as application/x-www-form-urlencoded, without following the redirect. */
  post(url: string | URL, fields: Record<string, string>): Promise<Response> {
    return this.send(new URL(url), { method: 'POST', body: new URLSearchParams(fields) });
  }

  /** The value of a cookie the browser holds (for any path), if any. */
  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    const cookies = [...this.jar.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.replace(/\/?$/, '/')))
      .map((c) => `${c.name}=${c.value}`);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { accept: 'text/html,*/*;q=0.8', ...(cookies.length && { cookie: cookies.join('; ') }) },
    });
    for (const header of response.headers.getSetCookie()) this.store(header, url);
    return response;
  }

  private store(header: string, url: URL): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    // Without a Path attribute, the directory of the URL that set it (RFC 6265, 5.1.4).
    const path = attribute('path') ?? (url.pathname.replace(/\/[^/]*$/, '') || '/');
    const maxAge = attribute('max-age');
    const expires = attribute('expires');
    const gone =
      value === '' ||
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && new Date(expires).getTime() <= Date.now());
    const key = `${name} ${path}`;
    if (gone) this.jar.delete(key);
    else this.jar.set(key, { name, value, path });
  }
}

/** The redirect target of a 3xx answer, resolved against the URL that answered. */
export function locationOf(response: Response, from: string | URL): URL | null {
  const location = response.headers.get('location');
  return response.status >= 300 && response.status < 400 && location ? new URL(location, from) : null;
}

/** The first form of an HTML page: where it posts and its hidden fields. */
export function formIn(html: string, page: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`No form on ${page.href}:\n${html.slice(0, 2000)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = decodeEntities(/value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return { action: new URL(decodeEntities(form[1]), page), fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
