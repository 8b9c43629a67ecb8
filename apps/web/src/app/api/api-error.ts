import { HttpErrorResponse } from '@angular/common/http';

import { type ApiErrorBody, type ApiFieldProblem, type LocalizedText } from './models';

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
    /** With VALIDATION_FAILED: every refused field and what is wrong with it. */
    readonly details: readonly ApiFieldProblem[] = [],
  ) {
    super(userMessage?.en ?? code);
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof HttpErrorResponse) {
      if (isApiErrorBody(error.error)) {
        const body = error.error;
        return new ApiError(body.code, error.status, body.message, body.field, validDetails(body.details));
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

function validDetails(value: unknown): ApiFieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ApiFieldProblem =>
      typeof item?.field === 'string' &&
      typeof item?.message?.it === 'string' &&
      typeof item?.message?.en === 'string',
  );
}
