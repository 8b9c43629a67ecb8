import type { Translated } from '../i18n/translated';

/** The JSON body of every error the API returns. */
export interface ErrorBody {
  code: string;
  message: Translated;
  field?: string;
  details?: { field: string; message: Translated }[];
  requestId?: string;
}

/**
 * An expected failure of the domain, with a stable code, an HTTP status and a message in Italian and
 * English. Libraries subclass it (`VoucherExpiredError`), the API's exception filter renders it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: Translated,
    readonly field?: string,
    readonly details?: { field: string; message: Translated }[],
  ) {
    super(text.en);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.text,
      ...(this.field && { field: this.field }),
      ...(this.details && { details: this.details }),
    };
  }
}

export class NotFoundError extends DomainError {
  constructor(what: Translated = { it: 'La risorsa richiesta', en: 'The requested resource' }) {
    super('NOT_FOUND', 404, { it: `${what.it} non esiste.`, en: `${what.en} does not exist.` });
  }
}

export class ValidationError extends DomainError {
  constructor(details: { field: string; message: Translated }[]) {
    const first = details[0];
    super(
      'VALIDATION_FAILED',
      400,
      first
        ? {
            it: `Dato non valido in "${first.field}": ${first.message.it}`,
            en: `Invalid "${first.field}": ${first.message.en}`,
          }
        : { it: 'La richiesta contiene dati non validi.', en: 'The request contains invalid data.' },
      first?.field,
      details,
    );
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(what: Translated) {
    super('SERVICE_UNAVAILABLE', 503, {
      it: `${what.it} non è raggiungibile in questo momento. Riprova tra poco.`,
      en: `${what.en} cannot be reached right now. Please try again shortly.`,
    });
  }
}

/** The body of an unexpected error: it leaks nothing but the request id to quote to support. */
export function internalErrorBody(requestId: string | undefined): ErrorBody {
  return {
    code: 'INTERNAL_ERROR',
    message: {
      it: `Si è verificato un errore imprevisto. Se si ripete, comunica all'assistenza il codice ${requestId ?? '-'}.`,
      en: `An unexpected error occurred. If it happens again, quote the code ${requestId ?? '-'} to support.`,
    },
    requestId,
  };
}
