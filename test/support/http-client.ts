import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OutgoingHttpHeaders } from 'node:http';

export interface Response {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: OutgoingHttpHeaders;
  /** The body as sent, for files (iCalendar, images, PDF). */
  raw: Buffer;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  csrf?: boolean;
  headers?: Record<string, string>;
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

  post(url: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send('POST', url, body, options);
  }

  put(url: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send('PUT', url, body, options);
  }

  patch(url: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    return this.send('PATCH', url, body, options);
  }

  delete(url: string, options: SendOptions = {}): Promise<Response> {
    return this.send('DELETE', url, undefined, options);
  }

  /**
   * Any request. Changes carry the XSRF header unless `csrf: false`; a Buffer or string body is sent as
   * it is (set its content-type in `headers`), anything else as JSON.
   */
  async send(method: Method, url: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    const csrf = options.csrf ?? method !== 'GET';
    if (csrf && !this.cookies.has('XSRF-TOKEN')) await this.send('GET', '/api/settings');
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (csrf) headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN')!;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined && { payload: body as object | string | Buffer }),
    });
    for (const cookie of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return {
      status: res.statusCode,
      body: res.body ? safeJson(res.body) : null,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
