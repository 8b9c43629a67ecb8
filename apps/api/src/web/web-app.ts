import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Angular's build names files with a content hash (main-ABCD1234.js): those never change.
const HASHED = /-[A-Za-z0-9]{8}\.(js|css|woff2?|ttf|svg|png|jpg)$/;

/** The built Angular app, served from the API's own origin so one URL is the whole product. */
export class WebApp {
  private readonly index: string;

  private constructor(private readonly root: string) {
    this.index = readFileSync(join(root, 'index.html'), 'utf8');
  }

  /** Null when the web app has not been built (the API alone still works). */
  static load(dir: string): WebApp | null {
    const root = resolve(dir);
    return existsSync(join(root, 'index.html')) ? new WebApp(root) : null;
  }

  async register(fastify: FastifyInstance): Promise<void> {
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
    return reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(this.index);
  }
}
