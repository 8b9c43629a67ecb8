import { untracked } from '@angular/core';
import { type FieldTree, type ValidationError } from '@angular/forms/signals';

import { ApiError } from '../api/api-error';
import { type LocalizedText } from '../api/models';

/** A server's validation message (already in both languages) attached to the field it names. */
export class ServerFieldError implements ValidationError.WithOptionalFieldTree {
  readonly kind = 'server';

  constructor(
    readonly text: LocalizedText,
    readonly fieldTree: FieldTree<unknown>,
  ) {}
}

export interface SubmitFailure {
  /** Errors for fields of the form; signal forms shows them and clears each when its field changes. */
  fieldErrors: ServerFieldError[];
  /**
   * What the form as a whole must say: a failure that names no field of this form. It is kept out
   * of the form's own errors on purpose (a root error would block a plain retry until something is
   * edited), so `submit()` resolves true for it: callers check it before treating the submit as done.
   */
  formError: ApiError | null;
}

/**
 * Splits an API failure between the form's fields (the server's `field` equals the request's
 * property name, which is also the form model's) and a message for the whole form.
 */
export function submitFailure<T extends object>(form: FieldTree<T>, error: unknown): SubmitFailure {
  const apiError = ApiError.from(error);
  const field = apiError.field ? fieldNamed(form, apiError.field) : null;
  if (field && apiError.userMessage) {
    return { fieldErrors: [new ServerFieldError(apiError.userMessage, field)], formError: null };
  }
  return { fieldErrors: [], formError: apiError };
}

function fieldNamed<T extends object>(form: FieldTree<T>, name: string): FieldTree<unknown> | null {
  const model: object = untracked(() => form().value());
  if (!Object.hasOwn(model, name)) return null;
  return (form as unknown as Record<string, FieldTree<unknown>>)[name] ?? null;
}
