import {
  afterNextRender,
  DOCUMENT,
  inject,
  Injector,
  type Signal,
  signal,
  type WritableSignal,
} from '@angular/core';
import { type FieldTree, form, type SchemaOrSchemaFn } from '@angular/forms/signals';

import { type ApiError } from '../api/api-error';
import { submitToServer } from '../forms/server-errors';
import { IdempotentAttempt } from './idempotency-key';

/** What a row's form on the page needs of its RowForm. */
export interface OpenRowForm<Model> {
  readonly form: FieldTree<Model>;
  readonly failure: Signal<ApiError | null>;
  /** Closes the form without sending it. */
  cancel(): void;
}

export interface RowFormOptions<Row, Model> {
  /** The form's value before it is first opened. */
  empty: Model;
  schema: SchemaOrSchemaFn<Model>;
  /** Ids in the page: the form, its first field, and each row's button that opens it. */
  formId: string;
  firstFieldId: string;
  rowButtonId: (row: Row) => string;
}

/**
 * A form that opens under one row of a table (top up this fund, pay this shop, revoke this voucher),
 * for one row at a time. Opening it fills the form anew and puts the cursor in its first field;
 * cancelling takes the person back to the row's button. Created in a component's field initialiser.
 */
export class RowForm<Row, Model extends object> implements OpenRowForm<Model> {
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly model: WritableSignal<Model>;

  /** The row whose form is open, if any. */
  readonly row = signal<Row | null>(null);
  readonly failure = signal<ApiError | null>(null);
  readonly form: FieldTree<Model>;
  /** The Idempotency-Key of what the form sends, kept for a retry after a lost answer. */
  readonly attempt = new IdempotentAttempt();

  constructor(private readonly options: RowFormOptions<Row, Model>) {
    this.model = signal(options.empty);
    this.form = form(this.model, options.schema);
  }

  open(row: Row, value: Model): void {
    this.failure.set(null);
    this.attempt.reset();
    this.model.set(value);
    this.form().reset();
    this.row.set(row);
    this.focus(this.options.firstFieldId);
  }

  /** Closes the form without sending it. */
  cancel(): void {
    const row = this.row();
    this.row.set(null);
    if (row) this.focusRowButton(row);
  }

  /**
   * Sends the form for the open row; closes it once `send` went through. See `submitToServer` for
   * refusals.
   */
  async submit(send: (row: Row, value: Model) => Promise<void>): Promise<void> {
    const row = this.row();
    if (!row) return;
    await submitToServer(
      this.form,
      {
        failure: this.failure,
        element: () => this.document.getElementById(this.options.formId),
        injector: this.injector,
        attempt: this.attempt,
      },
      async (value) => {
        await send(row, value);
        this.row.set(null);
      },
    );
  }

  focusRowButton(row: Row): void {
    this.focus(this.options.rowButtonId(row));
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), { injector: this.injector });
  }
}
