import fastifyStatic from '@fastify/static';
import { SHARED_PAGES, type ShareCard, ShareCardService, type SharedPage } from '@piazza/catalogue';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SLUG } from '../context/query-params';

// Angular's build names files with a content hash (main-ABCD1234.js): those never change.
const HASHED = /-[A-Za-z0-9]{8}\.(js|css|woff2?|ttf|svg|png|jpg)$/;

export interface WebAppOptions {
  /** The address people use (PUBLIC_URL), for canonical links; without it, the request's own origin. */
  publicUrl?: string;
}

/** The built Angular app, served from the API's own origin so one URL is the whole product. */
export class WebApp {
  private readonly index: string;
  // Stateless: it reads through each request's context, so it needs nothing from Nest's container.
  private readonly shareCards = new ShareCardService();
  private publicUrl: string | null = null;

  private constructor(private readonly root: string) {
    this.index = readFileSync(join(root, 'index.html'), 'utf8');
  }

  /** Null when the web app has not been built (the API alone still works). */
  static load(dir: string): WebApp | null {
    const root = resolve(dir);
    return existsSync(join(root, 'index.html')) ? new WebApp(root) : null;
  }

  async register(fastify: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
    this.publicUrl = options.publicUrl?.replace(/\/$/, '') ?? null;
    await fastify.register(fastifyStatic, {
      root: this.root,
      prefix: '/',
      // Routes for the files that exist; any other path falls through to the not-found handler, which
      // answers pages with index.html (servesPage) and /api paths with JSON.
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        res.header('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    fastify.get('/', (_request, reply) => this.sendIndex(reply));
    // A shared link to a service, organisation, event or Social Point shows its own card before any
    // script runs (chat apps and search engines read only the HTML).
    for (const [segment, page] of Object.entries(SHARED_PAGES)) {
      fastify.get<{ Params: { slug: string } }>(`/${segment}/:slug`, (request, reply) =>
        this.sendSharedPage(request, reply, page),
      );
    }
  }

  /** A browser asking for a page of the app (not an API call, not a missing asset). */
  servesPage(request: FastifyRequest): boolean {
    const path = request.url.split('?')[0];
    return (
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api') &&
      !/\.[a-z0-9]{1,5}$/i.test(path) &&
      (request.headers.accept ?? '').includes('text/html')
    );
  }

  sendIndex(reply: FastifyReply): FastifyReply {
    return this.sendHtml(reply, 200, this.index);
  }

  private async sendSharedPage(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    page: SharedPage,
  ): Promise<FastifyReply> {
    const { slug } = request.params;
    let card: ShareCard | null;
    try {
      card = SLUG.test(slug) ? await this.shareCards.card(request.ctx, page, slug) : null;
    } catch (error) {
      // Without the card the page still works: the app reads the same data once it runs.
      request.log.warn({ err: error }, 'Share card not available');
      return this.sendIndex(reply);
    }
    if (!card) return this.sendHtml(reply, 404, withTags(this.index, null, [NOINDEX]));
    const url = `${this.publicUrl ?? `${request.protocol}://${request.host}`}${card.path}`;
    return this.sendHtml(reply, 200, withTags(this.index, card.title, shareTags(card, url)));
  }

  private sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html);
  }
}

const NOINDEX = '<meta name="robots" content="noindex">';

function shareTags(card: ShareCard, url: string): string[] {
  return [
    `<meta name="description" content="${escapeHtml(card.description)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta property="og:title" content="${escapeHtml(card.title)}">`,
    `<meta property="og:description" content="${escapeHtml(card.description)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:type" content="${card.type}">`,
    `<meta name="twitter:card" content="summary">`,
  ];
}

/**
 * index.html with another title and more tags in its head. A new description replaces the default one;
 * without a title the page keeps its own.
 */
function withTags(html: string, title: string | null, tags: string[]): string {
  let out = html;
  if (title !== null)
    out = out.replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(title)}</title>`);
  if (tags.some((t) => t.startsWith('<meta name="description"'))) {
    out = out.replace(/<meta\s+name="description"[^>]*>\s*/i, '');
  }
  return out.replace(/<\/head>/i, () => `${tags.join('\n    ')}\n  </head>`);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
