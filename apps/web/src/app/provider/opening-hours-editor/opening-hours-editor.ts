import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  applyEach,
  type FieldTree,
  FormField,
  required,
  type SchemaPath,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { type OpeningHours } from '../../api/back-office-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { Icon } from '../../layout/icon/icon';

/** One row of the editor: the day as the select holds it ("1" = Monday … "7" = Sunday). */
export interface OpeningHoursRow {
  day: string;
  opens: string;
  closes: string;
}

export const WEEK_DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function openingHoursRows(hours: readonly OpeningHours[]): OpeningHoursRow[] {
  return hours.map((row) => ({ day: String(row.day), opens: row.opens, closes: row.closes }));
}

/** The rows as the API takes them, in week order. */
export function openingHoursOf(rows: readonly OpeningHoursRow[]): OpeningHours[] {
  return rows
    .map((row) => ({ day: Number(row.day), opens: row.opens, closes: row.closes }))
    .sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
}

/** Every row needs both times, and closes after it opens. */
export function openingHoursRules(path: SchemaPath<OpeningHoursRow[]>): void {
  applyEach(path, (row) => {
    required(row.opens, { message: 'backOffice.hours.opensRequired' });
    required(row.closes, { message: 'backOffice.hours.closesRequired' });
    validate(row.closes, ({ value, valueOf }) => {
      const opens = valueOf(row.opens);
      return opens && value() && value() <= opens
        ? { kind: 'closesBeforeOpens', message: 'backOffice.hours.closesBeforeOpens' }
        : undefined;
    });
  });
}

/**
 * "Orari di apertura": rows of a week day and two times, added and removed one by one. A day with
 * a lunch break is two rows. Bound to a part of the page's form, so the server's
 * `openingHours.2.closes` lands under the right field.
 */
@Component({
  selector: 'pz-opening-hours-editor',
  imports: [TranslatePipe, FormField, FieldStatus, FieldError, Icon],
  templateUrl: './opening-hours-editor.html',
  styleUrl: './opening-hours-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningHoursEditor {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly addButton = viewChild.required<ElementRef<HTMLButtonElement>>('addButton');

  readonly hours = input.required<FieldTree<OpeningHoursRow[]>>();
  readonly idPrefix = input.required<string>();
  /** Translation key of the hint under the legend. */
  readonly hint = input('backOffice.hours.hint');

  protected readonly days = WEEK_DAYS;
  /** Said in the live region when a row goes away. */
  protected readonly notice = signal<string | null>(null);

  protected addRow(): void {
    this.notice.set(null);
    const rows = this.hours()().value();
    // A new row starts from the last one's times, on the next day: typing a week is quick.
    const last = rows.at(-1);
    const day = last ? String((Number(last.day) % 7) + 1) : '1';
    this.hours()().value.set([
      ...rows,
      { day, opens: last?.opens ?? '09:00', closes: last?.closes ?? '12:00' },
    ]);
    const index = rows.length;
    afterNextRender(() => this.document.getElementById(`${this.idPrefix()}-${index}-day`)?.focus(), {
      injector: this.injector,
    });
  }

  protected removeRow(index: number): void {
    this.hours()().value.update((rows) => rows.filter((_, i) => i !== index));
    this.notice.set('backOffice.hours.rowRemoved');
    this.addButton().nativeElement.focus();
  }
}
