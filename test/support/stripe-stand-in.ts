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

/**
 * A local stand-in for the part of Stripe's API that Piazza calls, on a real HTTP server (127.0.0.1, a
 * free port): Checkout Sessions, refunds, idempotency keys, errors on demand. Point the API at it with
 * `STRIPE_API_BASE: standIn.url`. It also makes the events Stripe would send (`complete`, `expire`) and
 * signs them with the SDK's own test helper.
 */
export class StripeStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly sessions = new Map<string, StandInSession>();
  private readonly refunds = new Map<string, StandInRefund>();
  private readonly idempotent = new Map<string, { request: string; answer: Answer }>();
  private failures: { status: number; left: number } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<StripeStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new StripeStandIn(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => void standIn.handle(req, res));
    return standIn;
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
    return { status: 200, body: session };
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
