import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** One request the stand-in received, as the SDK sent it (form fields parsed into objects and arrays). */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

/** A Checkout Session as the stand-in keeps it: the fields our code reads. */
export interface StandInSession {
  id: string;
  object: 'checkout.session';
  url: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  mode: string;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  success_url: string | null;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  payment_intent: string | null;
  livemode: false;
}

interface StandInRefund {
  id: string;
  object: 'refund';
  status: 'succeeded';
  amount: number;
  currency: 'eur';
  payment_intent: string;
  metadata: Record<string, string>;
  created: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/** Where the stand-in sends the events its hosted page causes, as Stripe sends them to a webhook endpoint. */
export interface WebhookEndpoint {
  /** The API's webhook, e.g. `http://127.0.0.1:<port>/api/stripe/webhook`. */
  webhookUrl?: string;
  /** The endpoint's signing secret (`STRIPE_WEBHOOK_SECRET` of the API). */
  webhookSecret?: string;
}

/** One webhook delivery the hosted page made: the event and the endpoint's answer. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  sessionId: string;
  /** The HTTP status the endpoint answered, or null when it could not be reached. */
  status: number | null;
}

/**
 * A local stand-in for the part of Stripe's API that Piazza calls, on a real HTTP server (127.0.0.1, a
 * free port): Checkout Sessions, refunds, idempotency keys, errors on demand. Point the API at it with
 * `STRIPE_API_BASE: standIn.url`. It also makes the events Stripe would send (`complete`, `expire`) and
 * signs them with the SDK's own test helper.
 *
 * A session's `url` opens the stand-in's hosted checkout page (`GET /pay/:id`, a small Italian page as
 * Stripe's): "Paga" completes the session, delivers the signed `checkout.session.completed` to the
 * webhook endpoint (`start({ webhookUrl, webhookSecret })` or `deliverTo()`) by a real HTTP POST, and
 * sends the browser to the session's `success_url`; "Annulla" sends it to the `cancel_url`, the session
 * still open (as on Stripe).
 */
export class StripeStandIn {
  /** What the SDK asked (the hosted page's requests, made by a browser, are not in it). */
  readonly requests: RecordedRequest[] = [];
  /** The webhook deliveries the hosted page made, in order. */
  readonly deliveries: WebhookDelivery[] = [];
  private readonly sessions = new Map<string, StandInSession>();
  private readonly refunds = new Map<string, StandInRefund>();
  private readonly idempotent = new Map<string, { request: string; answer: Answer }>();
  /** What each session's card part pays for, as the hosted page lists it. */
  private readonly lineNames = new Map<string, { name: string; amount: number }[]>();
  private failures: { status: number; left: number } | null = null;
  private endpoint: WebhookEndpoint;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    endpoint: WebhookEndpoint,
  ) {
    this.endpoint = { ...endpoint };
  }

  static async start(endpoint: WebhookEndpoint = {}): Promise<StripeStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new StripeStandIn(server, `http://127.0.0.1:${port}`, endpoint);
    server.on('request', (req, res) => void standIn.handle(req, res));
    return standIn;
  }

  /** Where the hosted page delivers its events (the API's address is often known only after it starts). */
  deliverTo(webhookUrl: string, webhookSecret: string): void {
    this.endpoint = { webhookUrl, webhookSecret };
  }

  /** The next `times` calls answer `status` with a Stripe error body (the SDK retries 5xx and 409). */
  failNext(status: number, times = 1): void {
    this.failures = { status, left: times };
  }

  session(id: string): StandInSession {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`no Checkout Session ${id} in the stand-in`);
    return session;
  }

  /** The family paid: the session is complete and paid, with a PaymentIntent; the event Stripe sends. */
  complete(sessionId: string): Stripe.Event {
    const session = this.session(sessionId);
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent ??= `pi_${token()}`;
    return event('checkout.session.completed', session);
  }

  /** Nobody paid in time: the session expired; the event Stripe sends. */
  expire(sessionId: string): Stripe.Event {
    const session = this.session(sessionId);
    session.status = 'expired';
    return event('checkout.session.expired', session);
  }

  /** The request Stripe would make to the webhook: the JSON body and its signature with `secret`. */
  signedWebhook(
    event: Stripe.Event,
    secret: string,
  ): { body: string; headers: { 'stripe-signature': string; 'content-type': string } } {
    const body = JSON.stringify(event, null, 2);
    return {
      body,
      headers: {
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
        'content-type': 'application/json; charset=utf-8',
      },
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0];
    const hosted = /^\/pay\/([\w-]+)(\/annulla)?$/.exec(path);
    if (hosted) return this.hostedPage(req, res, hosted[1], !!hosted[2]);
    const key = header(req, 'idempotency-key');
    const body = parseForm(raw);
    this.requests.push({ method: req.method ?? 'GET', path, idempotencyKey: key, body });

    const answer = this.answer(req, path, key, body, raw);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': `req_${token()}`,
      ...(key && { 'idempotency-key': key }),
    });
    res.end(JSON.stringify(answer.body));
  }

  private answer(
    req: IncomingMessage,
    path: string,
    key: string | null,
    body: Record<string, unknown>,
    raw: string,
  ): Answer {
    if (!/^Bearer sk_(test|live)_\w+/.test(header(req, 'authorization') ?? '')) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.');
    }
    if (this.failures) {
      const { status } = this.failures;
      if (--this.failures.left === 0) this.failures = null;
      return stripeError(status, status >= 500 ? 'api_error' : 'invalid_request_error', 'Simulated failure.');
    }
    const route = `${req.method} ${path}`;
    if (req.method === 'POST' && key) {
      const seen = this.idempotent.get(key);
      if (seen && seen.request !== `${route}\n${raw}`) {
        return stripeError(
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        );
      }
      if (seen) return seen.answer;
      const answer = this.route(req.method, path, body);
      // Stripe keeps the result of a request that ran (not of one refused before it started).
      if (answer.status < 500) this.idempotent.set(key, { request: `${route}\n${raw}`, answer });
      return answer;
    }
    return this.route(req.method ?? 'GET', path, body);
  }

  private route(method: string | undefined, path: string, body: Record<string, unknown>): Answer {
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(body);
    const get = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path);
    if (method === 'GET' && get) {
      const session = this.sessions.get(get[1]);
      return session
        ? { status: 200, body: session }
        : stripeError(
            404,
            'invalid_request_error',
            `No such checkout.session: '${get[1]}'`,
            'resource_missing',
          );
    }
    if (method === 'POST' && path === '/v1/refunds') return this.createRefund(body);
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  private createSession(body: Record<string, unknown>): Answer {
    const lines = (body['line_items'] as Record<string, any>[] | undefined) ?? []; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (body['mode'] !== 'payment' || !lines.length) {
      return stripeError(400, 'invalid_request_error', 'mode "payment" and line_items are required.');
    }
    const amountTotal = lines.reduce(
      (sum, line) => sum + Number(line['price_data']?.['unit_amount'] ?? 0) * Number(line['quantity'] ?? 1),
      0,
    );
    const now = Math.floor(Date.now() / 1000);
    const id = `cs_test_${token()}`;
    const session: StandInSession = {
      id,
      object: 'checkout.session',
      url: `${this.url}/pay/${id}`,
      status: 'open',
      payment_status: 'unpaid',
      mode: 'payment',
      amount_total: amountTotal,
      currency: String(body['currency'] ?? 'eur'),
      client_reference_id: (body['client_reference_id'] as string | undefined) ?? null,
      customer_email: (body['customer_email'] as string | undefined) ?? null,
      metadata: (body['metadata'] as Record<string, string> | undefined) ?? {},
      success_url: (body['success_url'] as string | undefined) ?? null,
      cancel_url: (body['cancel_url'] as string | undefined) ?? null,
      expires_at: body['expires_at'] ? Number(body['expires_at']) : now + 24 * 3600,
      created: now,
      payment_intent: null,
      livemode: false,
    };
    this.sessions.set(id, session);
    this.lineNames.set(
      id,
      lines.map((line) => ({
        name: String(line['price_data']?.['product_data']?.['name'] ?? ''),
        amount: Number(line['price_data']?.['unit_amount'] ?? 0) * Number(line['quantity'] ?? 1),
      })),
    );
    return { status: 200, body: session };
  }

  /**
   * The hosted checkout page: `GET /pay/:id` shows it, `POST /pay/:id` pays (complete, deliver the
   * signed event, 303 to `success_url`), `GET /pay/:id/annulla` goes back to `cancel_url`.
   */
  private async hostedPage(
    req: IncomingMessage,
    res: ServerResponse,
    sessionId: string,
    cancel: boolean,
  ): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session)
      return sendHtml(res, 404, page('Pagina non trovata', '<p>Questa pagina di pagamento non esiste.</p>'));
    if (cancel) return redirect(res, session.cancel_url);
    if (req.method === 'POST') {
      if (session.status === 'expired') return sendHtml(res, 410, expiredPage());
      // A second "Paga" (a reload after the redirect) pays nothing more and sends nothing again.
      if (session.status === 'open') await this.deliver(this.complete(sessionId));
      return redirect(res, session.success_url);
    }
    if (req.method !== 'GET') return sendHtml(res, 405, page('Metodo non permesso', ''));
    if (session.status === 'expired') return sendHtml(res, 410, expiredPage());
    if (session.status === 'complete') {
      return sendHtml(
        res,
        200,
        page(
          'Pagamento già eseguito',
          `<p>Questo pagamento è già stato eseguito.</p>${backLink(session.success_url, 'Torna al sito')}`,
        ),
      );
    }
    const lines = (this.lineNames.get(sessionId) ?? [])
      .map((line) => `<li><span>${escapeHtml(line.name)}</span> <strong>${euro(line.amount)}</strong></li>`)
      .join('');
    sendHtml(
      res,
      200,
      page(
        'Pagamento con carta',
        `<p class="total">Totale da pagare: <strong data-testid="stand-in-amount">${euro(session.amount_total)}</strong></p>
        <ul>${lines}</ul>
        <p class="note">Ambiente di prova: nessuna carta viene addebitata.</p>
        <form method="post" action="/pay/${encodeURIComponent(sessionId)}">
          <button type="submit">Paga</button>
        </form>
        <p><a href="/pay/${encodeURIComponent(sessionId)}/annulla">Annulla</a></p>`,
      ),
    );
  }

  /** Sends the event to the webhook endpoint as Stripe does: the raw JSON body, signed with its secret. */
  private async deliver(event: Stripe.Event): Promise<void> {
    const { webhookUrl, webhookSecret } = this.endpoint;
    const session = event.data.object as { id: string };
    const delivery: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      sessionId: session.id,
      status: null,
    };
    this.deliveries.push(delivery);
    if (!webhookUrl || !webhookSecret) return;
    const { body, headers } = this.signedWebhook(event, webhookSecret);
    try {
      const answer = await fetch(webhookUrl, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(10_000),
      });
      delivery.status = answer.status;
      await answer.arrayBuffer();
    } catch {
      delivery.status = null;
    }
  }

  private createRefund(body: Record<string, unknown>): Answer {
    const paymentIntent = body['payment_intent'] as string | undefined;
    const session = [...this.sessions.values()].find(
      (s) => s.payment_intent && s.payment_intent === paymentIntent,
    );
    if (!session) {
      return stripeError(
        400,
        'invalid_request_error',
        `No such payment_intent: '${paymentIntent}'`,
        'resource_missing',
      );
    }
    const refunded = [...this.refunds.values()]
      .filter((r) => r.payment_intent === paymentIntent)
      .reduce((sum, r) => sum + r.amount, 0);
    const amount = body['amount'] !== undefined ? Number(body['amount']) : session.amount_total - refunded;
    if (amount <= 0 || refunded + amount > session.amount_total) {
      return stripeError(
        400,
        'invalid_request_error',
        `Refund amount (€${amount / 100}) is greater than unrefunded amount on charge (€${(session.amount_total - refunded) / 100})`,
        'amount_too_large',
      );
    }
    const refund: StandInRefund = {
      id: `re_${token()}`,
      object: 'refund',
      status: 'succeeded',
      amount,
      currency: 'eur',
      payment_intent: paymentIntent!,
      metadata: (body['metadata'] as Record<string, string> | undefined) ?? {},
      created: Math.floor(Date.now() / 1000),
    };
    this.refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }
}

function event(type: 'checkout.session.completed' | 'checkout.session.expired', session: StandInSession) {
  return {
    id: `evt_${token()}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: structuredClone(session) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  } as unknown as Stripe.Event;
}

/** "12,50 €", as the page shows amounts to an Italian family. */
function euro(cents: number): string {
  return new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function backLink(url: string | null, text: string): string {
  return url ? `<p><a href="${escapeHtml(url)}">${text}</a></p>` : '';
}

function expiredPage(): string {
  return page(
    'Pagamento scaduto',
    '<p>Questa pagina di pagamento è scaduta: non è stato addebitato nulla.</p>',
  );
}

/** A small page in Italian, with its landmarks and enough contrast for an accessibility check. */
function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} – Stripe (prova)</title>
<style>
  body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
  main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
  ul { padding-left: 1.2rem; }
  li { margin: 0.3rem 0; }
  .note { color: #4a4a4a; }
  button { font: inherit; font-weight: 600; color: #fff; background: #3c3aa8; border: 0; border-radius: 6px;
    padding: 0.75rem 2rem; min-width: 100%; cursor: pointer; }
  a { color: #3c3aa8; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function redirect(res: ServerResponse, url: string | null): void {
  if (!url) return sendHtml(res, 400, page('Indirizzo di ritorno mancante', ''));
  res.writeHead(303, { location: url, 'cache-control': 'no-store' });
  res.end();
}

function stripeError(status: number, type: string, message: string, code?: string): Answer {
  return { status, body: { error: { type, message, ...(code && { code }) } } };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function token(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
}

/**
 * `a[b][0][c]=1&a[b][0][d]=2` as the SDK encodes its parameters, back into `{ a: { b: [{ c, d }] } }`
 * (every value a string, as on the wire).
 */
export function parseForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const keys = name.split(/[[\]]+/).filter(Boolean);
    let node: Record<string, unknown> | unknown[] = root;
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const slot = node as Record<string, unknown>;
      if (last) slot[key] = value;
      else {
        slot[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
        node = slot[key] as Record<string, unknown>;
      }
    });
  }
  return root;
}
