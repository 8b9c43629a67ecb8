import { type Injector, untracked, type WritableSignal } from '@angular/core';
import { type FieldTree, submit, type ValidationError } from '@angular/forms/signals';

import { ApiError } from '../api/api-error';
import { type LocalizedText } from '../api/models';
import { focusFirstInvalid } from './focus-first-invalid';

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
 * Splits an API failure between the form's fields and a message for the whole form. The server's
 * `field` is the request's property path (`owner.email`, `members.0.fiscalCode`), which is also the
 * form model's; `aliases` maps the names a server uses that are not (a bare `fiscalCode` for the
 * head of household, say) to the form's own path.
 */
export function submitFailure<T extends object>(
  form: FieldTree<T>,
  error: unknown,
  aliases: Readonly<Record<string, string>> = {},
): SubmitFailure {
  const apiError = ApiError.from(error);
  const name = apiError.field ? (aliases[apiError.field] ?? apiError.field) : null;
  const field = name ? fieldAt(form, name) : null;
  if (field && apiError.userMessage) {
    return { fieldErrors: [new ServerFieldError(fieldMessage(apiError), field)], formError: null };
  }
  return { fieldErrors: [], formError: apiError };
}

/** What `submitToServer` needs besides the form and what to send. */
export interface ServerSubmitOptions {
  /** The form's alert: set to a refusal that names no field of the form, cleared on each submit. */
  failure: WritableSignal<ApiError | null>;
  /** The form on the page, where the cursor goes to the first field to fix. */
  element: () => HTMLElement | null | undefined;
  injector: Injector;
  /** Told of every answer (an Idempotency-Key is kept only after an answer that was lost). */
  attempt?: { settled(error: ApiError | null): void };
  /** See `submitFailure`. */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * Submits a signal form whose `send` talks to the server. A refusal is shown under the field it
 * names, or else in `failure`; after a refusal in the page or under a field, the cursor goes to the
 * first field to fix. Resolves true once `send` went through.
 */
export async function submitToServer<T extends object>(
  form: FieldTree<T>,
  options: ServerSubmitOptions,
  send: (value: T) => Promise<void>,
): Promise<boolean> {
  options.failure.set(null);
  let sent = false;
  const done = await submit(form, async (fields) => {
    try {
      await send(fields().value());
      options.attempt?.settled(null);
      sent = true;
      return undefined;
    } catch (error) {
      const apiError = ApiError.from(error);
      options.attempt?.settled(apiError);
      const { fieldErrors, formError } = submitFailure(fields, apiError, options.aliases);
      options.failure.set(formError);
      return fieldErrors;
    }
  });
  const element = options.element();
  if (!done && !options.failure() && element) focusFirstInvalid(element, options.injector);
  return sent;
}

/**
 * Under a field, its label already says which field is wrong: a validation failure's own words for
 * that field ("il carattere di controllo non corrisponde…") read better than the whole message,
 * which repeats the request's property name.
 */
function fieldMessage(error: ApiError): LocalizedText {
  const own = error.details.find((problem) => problem.field === error.field);
  if (!own) return error.userMessage!;
  return { it: capitalise(own.message.it), en: capitalise(own.message.en) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The field at a dotted path, only if the form's model has it (an array index must be in range). */
function fieldAt<T extends object>(form: FieldTree<T>, path: string): FieldTree<unknown> | null {
  let field: unknown = form;
  let model: unknown = untracked(() => form().value());
  for (const key of path.split('.')) {
    if (typeof model !== 'object' || model === null || !Object.hasOwn(model, key)) return null;
    model = (model as Record<string, unknown>)[key];
    field = (field as Record<string, unknown> | undefined)?.[key];
  }
  return typeof field === 'function' ? (field as FieldTree<unknown>) : null;
}
