import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LOGO_MAX_BYTES } from '@piazza/catalogue';
import { type AppConfig, languageFrom, publicUrl, RequestContext, toValidationError } from '@piazza/core';
import { Logger } from 'nestjs-pino';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { SESSION_COOKIE, XSRF_COOKIE, xsrfCookieOptions } from './auth/cookies';
import { SessionCache } from './auth/session-cache';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { WebApp } from './web/web-app';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application (used by main.ts and by the tests), ready to listen. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: true,
    bodyLimit: 1_048_576,
    // Keep a caller's request id (a proxy's) when it looks like one, so a request can be followed across.
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Keeps the bytes of JSON bodies as `request.rawBody`: Stripe signs the body exactly as sent.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  const dataSource = app.get(DataSource);

  const sessions = app.get(SessionCache);

  fastify.addHook('onRequest', async (request, reply) => {
    (request.raw as IncomingMessage & { id: string }).id = request.id;
    request.ctx = new RequestContext(
      dataSource.manager,
      request.id,
      languageFrom(request.headers['accept-language']),
      null,
      {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      },
    );
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  // File uploads (organisation logos) only: one small file per request, a few short fields at most. The
  // multipart parser ignores bodyLimit, so every limit is explicit.
  await app.register(fastifyMultipart, {
    limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
  });
  // After every onRequest hook (cookies are parsed by then) and before the route: who is calling, and
  // an XSRF token for the page to send back with its next change.
  fastify.addHook('preHandler', async (request, reply) => {
    // Static files of the web app need neither: no session lookup per asset.
    if (!request.url.startsWith('/api/')) return;
    if (!request.cookies[XSRF_COOKIE]) {
      reply.setCookie(XSRF_COOKIE, randomBytes(24).toString('base64url'), xsrfCookieOptions(config));
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await sessions.resolve(request.ctx, token);
      if (session) request.ctx = request.ctx.withActor(session.actor);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular writes component styles into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from the configured tile server, if any.
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(config.MAP_TILE_URL ? [tileOrigin(config.MAP_TILE_URL)] : []),
        ],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.NODE_ENV === 'production',
    crossOriginEmbedderPolicy: false,
  });

  const web = WebApp.load(config.WEB_DIST);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => toValidationError(errors),
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter(web));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Piazza API')
      .setDescription(
        'Welfare marketplace of the Ambito. Errors are always `{ code, message: { it, en }, field? }`; ' +
          'every response carries an `x-request-id` header. Signing in sets an httpOnly session cookie. ' +
          'Every POST, PUT, PATCH or DELETE must send back the `XSRF-TOKEN` cookie (set on any GET under /api) ' +
          'in the `X-XSRF-TOKEN` header, as browsers running the web app do.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (web) await web.register(fastify, { publicUrl: publicUrl(config) });
  return app;
}

/** The origin of a tile URL template, for the CSP (`https://{s}.tile.example/{z}/...` → `https://*.tile.example`). */
function tileOrigin(template: string): string {
  const origin = template.slice(0, template.indexOf('/', template.indexOf('//') + 2));
  return origin.replace('{s}', '*');
}
