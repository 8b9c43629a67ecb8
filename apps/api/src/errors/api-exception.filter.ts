import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type ErrorBody, internalErrorBody, type Translated } from '@piazza/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web/web-app';

/** Italian and English wording for the HTTP errors the framework itself raises. */
const HTTP_ERRORS: Record<number, { code: string; message: Translated }> = {
  400: {
    code: 'BAD_REQUEST',
    message: { it: 'La richiesta non è valida.', en: 'The request is not valid.' },
  },
  401: {
    code: 'UNAUTHENTICATED',
    message: { it: 'Devi accedere per continuare.', en: 'You need to sign in to continue.' },
  },
  403: {
    code: 'FORBIDDEN',
    message: { it: 'Non hai il permesso di farlo.', en: 'You are not allowed to do this.' },
  },
  404: {
    code: 'NOT_FOUND',
    message: {
      it: 'La pagina o la risorsa richiesta non esiste.',
      en: 'The requested page or resource does not exist.',
    },
  },
  405: {
    code: 'METHOD_NOT_ALLOWED',
    message: { it: 'Operazione non consentita qui.', en: 'This operation is not allowed here.' },
  },
  406: {
    code: 'NOT_ACCEPTABLE',
    message: { it: 'Formato di risposta non disponibile.', en: 'Response format not available.' },
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    message: { it: 'I dati inviati sono troppo grandi.', en: 'The data sent is too large.' },
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { it: 'Formato dei dati non supportato.', en: 'Unsupported data format.' },
  },
  429: {
    code: 'TOO_MANY_REQUESTS',
    message: {
      it: 'Troppe richieste: riprova tra poco.',
      en: 'Too many requests: please try again shortly.',
    },
  },
};

/**
 * Every error leaves the API as `{ code, message: { it, en }, field? }`. Domain errors keep their own
 * code; framework errors get a fixed wording (their English text may name internals); anything else is
 * logged with the request id and answered with a 500 that reveals nothing. A GET for an unknown page
 * outside /api gets the web app, whose router shows its own "not found" page.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly web: WebApp | null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body } = this.toResponse(exception, request);
    if (status === 404 && this.web?.servesPage(request)) {
      void this.web.sendIndex(reply);
      return;
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toResponse(exception: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: exception.toBody() };
    }
    const status = exception instanceof HttpException ? exception.getStatus() : errorStatus(exception);
    if (status !== undefined && status < 500) {
      const known = HTTP_ERRORS[status] ?? HTTP_ERRORS[400];
      return { status, body: { code: known.code, message: known.message } };
    }
    this.logger.error(
      { err: exception, reqId: request.id, method: request.method, url: request.url },
      'Unhandled error',
    );
    return { status: 500, body: internalErrorBody(request.id) };
  }
}

/** Fastify's own errors (a malformed JSON body, a body too large) carry a 4xx `statusCode`. */
function errorStatus(exception: unknown): number | undefined {
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}
