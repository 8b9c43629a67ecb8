import { computed, Directive, inject } from '@angular/core';
import { FormField } from '@angular/forms/signals';

/**
 * Marks a signal-forms control invalid for assistive technology and for the eye at once
 * (`aria-invalid` and Bootstrap's `is-invalid`), but only once the person has left the field or
 * tried to submit: an empty field is not an error while they are still filling the form in.
 */
@Directive({
  selector: '[formField]',
  host: {
    '[attr.aria-invalid]': 'showsError() || null',
    '[class.is-invalid]': 'showsError()',
  },
})
export class FieldStatus {
  private readonly formField = inject<FormField<unknown>>(FormField);

  protected readonly showsError = computed(() => {
    const state = this.formField.state();
    return state.touched() && state.invalid();
  });
}
