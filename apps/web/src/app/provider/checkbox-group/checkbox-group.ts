import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FieldTree } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { FieldError } from '../../forms/field-error/field-error';

export interface CheckboxOption {
  value: string;
  label: string;
  /** A second line under the label (an address, a description). */
  detail?: string;
}

/**
 * A list of choices of which any may be ticked, bound to a string array of the page's form (theme
 * slugs, Comuni, places). The legend names the list; the error, if any, sits under it.
 */
@Component({
  selector: 'pz-checkbox-group',
  imports: [TranslatePipe, FieldError],
  templateUrl: './checkbox-group.html',
  styleUrl: './checkbox-group.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckboxGroup {
  readonly field = input.required<FieldTree<string[]>>();
  readonly options = input.required<readonly CheckboxOption[]>();
  readonly idPrefix = input.required<string>();
  /** Translation key of the legend. */
  readonly legend = input.required<string>();
  /** Translation key of a hint under the legend. */
  readonly hint = input<string | null>(null);
  readonly optional = input(false);
  /** Several columns for short labels (Comuni, themes). */
  readonly columns = input(true);

  protected readonly selected = computed(() => new Set(this.field()().value()));
  protected readonly invalid = computed(() => {
    const state = this.field()();
    return state.touched() && state.invalid();
  });

  protected toggle(value: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const state = this.field()();
    state.value.update((values) =>
      checked ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value),
    );
    state.markAsTouched();
  }
}
