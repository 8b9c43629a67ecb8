import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OutgoingHttpHeaders } from 'node:http';

interface Response {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: OutgoingHttpHeaders;
}

/**
 * Talks to the API as a browser does: keeps cookies, and sends the XSRF cookie back as the
 * X-XSRF-TOKEN header on changes (what Angular's HttpClient does).
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: NestFastifyApplication) {}

  /** A client already signed in with e-mail (or username) and password; fails the test otherwise. */
  static async signedIn(
    app: NestFastifyApplication,
    email: string,
    password = 'Piazza-demo-2026',
  ): Promise<HttpClient> {
    const client = new HttpClient(app);
    const res = await client.post('/api/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  get(url: string): Promise<Response> {
    return this.send('GET', url);
  }

  post(url: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<Response> {
    return this.send('POST', url, body, options.csrf ?? true);
  }

  private async send(method: 'GET' | 'POST', url: string, body?: unknown, csrf = false): Promise<Response> {
    if (csrf && !this.cookies.has('XSRF-TOKEN')) await this.send('GET', '/api/settings');
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (csrf) headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN')!;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined && { payload: body as object }),
    });
    for (const cookie of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
