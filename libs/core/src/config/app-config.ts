import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

/** A URL on this machine's loopback interface (a test or development service). */
export function isLoopbackUrl(value: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(value).hostname);
}

/** Environment variables the processes read, with defaults that work on a developer machine. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/piazza'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/, 'may hold only letters, digits, ":", "_" and "-"')
    .default('piazza'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default('dist/web/browser'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Outgoing mail server; without it e-mails are written to the worker's log (demo and development). */
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Piazza <noreply@piazza.example>'),
  /** A session ends after this many idle minutes, and in any case after SESSION_MAX_HOURS. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Sign-in with SPID/CIE through an OpenID Connect provider (usually the Regione's or a certified
   * gateway). Enabled only when both the issuer and the client id are set.
   */
  OIDC_ISSUER_URL: url(['http:', 'https:'])
    .refine(
      (value) => new URL(value).protocol === 'https:' || isLoopbackUrl(value),
      'must use https:// (plain http:// only for a provider on localhost, in tests)',
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  /** Absent for a public client (PKCE only); otherwise sent with HTTP Basic to the token endpoint. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The claim with the fiscal code; SPID gateways send `fiscal_number`, as `TINIT-<code>`. */
  OIDC_FISCAL_CODE_CLAIM: z.string().trim().min(1).default('fiscal_number'),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  /**
   * Map tiles for the catalogue map ({z}/{x}/{y} template), e.g. the Regione's or OpenStreetMap's
   * (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`, within its usage policy). Empty (the default):
   * no tiles, the map shows the Comuni and the markers on a plain background, and the browser contacts
   * no outside server.
   */
  MAP_TILE_URL: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(value),
      'must be an http(s) URL template with {z}, {x} and {y}, or empty for no tiles',
    )
    .default(''),
  MAP_TILE_ATTRIBUTION: z.string().trim().default('© OpenStreetMap contributors'),
  /**
   * Card payments through Stripe Checkout: offered only when both the secret key and the webhook's
   * signing secret are set; without them families pay with vouchers only.
   */
  STRIPE_SECRET_KEY: z.string().trim().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().trim().min(1).optional(),
  /** Another address for Stripe's API (a local stand-in in tests); absent: Stripe's own. */
  STRIPE_API_BASE: url(['http:', 'https:'])
    .refine(
      (value) => new URL(value).protocol === 'https:' || isLoopbackUrl(value),
      'must use https:// (plain http:// only for a stand-in on localhost, in tests)',
    )
    .optional(),
});

export type AppConfig = Readonly<z.infer<typeof schema>>;

/** The address people use to reach the platform, for links in e-mails. */
export function publicUrl(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

/** Whether this deployment offers "Entra con SPID/CIE". */
export function oidcEnabled(config: Pick<AppConfig, 'OIDC_ISSUER_URL' | 'OIDC_CLIENT_ID'>): boolean {
  return Boolean(config.OIDC_ISSUER_URL && config.OIDC_CLIENT_ID);
}

/** Whether families may pay by card (Stripe): both the secret key and the webhook secret are set. */
export function cardPaymentEnabled(
  config: Pick<AppConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET'>,
): boolean {
  return Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET);
}

/** Thrown at start when the environment is not usable; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; unknown variables are ignored, empty ones count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const input = Object.fromEntries(
    Object.keys(schema.shape)
      .map((key) => [key, env[key]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = env[name];
        return `${name}=${JSON.stringify(value ?? '')}: ${issue.message}`;
      }),
    );
  }
  return Object.freeze(result.data);
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
