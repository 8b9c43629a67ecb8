import { HttpErrorResponse } from '@angular/common/http';

import { type ApiErrorBody, type LocalizedText } from './models';

/**
 * An API failure in one shape, whether the server answered with its error model, answered with
 * something else (a proxy page) or was not reachable at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** Stable code from the server, or NETWORK_ERROR / UNEXPECTED_RESPONSE from the client. */
    readonly code: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's explanation, ready for the UI; null when there is none. */
    readonly userMessage: LocalizedText | null,
    readonly field?: string,
  ) {
    super(userMessage?.en ?? code);
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof HttpErrorResponse) {
      if (isApiErrorBody(error.error)) {
        const body = error.error;
        return new ApiError(body.code, error.status, body.message, body.field);
      }
      return new ApiError(error.status === 0 ? 'NETWORK_ERROR' : 'UNEXPECTED_RESPONSE', error.status, null);
    }
    return new ApiError('UNEXPECTED_RESPONSE', 0, null);
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ApiErrorBody>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'object' &&
    candidate.message !== null &&
    typeof candidate.message.it === 'string'
  );
}
