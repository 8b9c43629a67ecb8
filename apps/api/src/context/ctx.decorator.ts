import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** The request's context (who, language, request id, entity manager), built by an onRequest hook. */
export const Ctx = createParamDecorator(
  (_: unknown, host: ExecutionContext): RequestContext =>
    host.switchToHttp().getRequest<FastifyRequest>().ctx,
);
