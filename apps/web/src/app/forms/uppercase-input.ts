import { Directive, inject } from '@angular/core';
import { FormField } from '@angular/forms/signals';

/**
 * Upper-cases a code (the fiscal code) while it is typed, keeping the caret where it was, and writes
 * the result to the form model so the two never disagree.
 */
@Directive({
  selector: 'input[pzUppercase]',
  host: { '(input)': 'upperCase($event)', autocapitalize: 'characters', spellcheck: 'false' },
})
export class UppercaseInput {
  private readonly formField = inject<FormField<string>>(FormField);

  protected upperCase(event: Event): void {
    const input = event.target as HTMLInputElement;
    const upper = input.value.toUpperCase();
    if (upper === input.value) return;
    const { selectionStart, selectionEnd } = input;
    input.value = upper;
    input.setSelectionRange(selectionStart, selectionEnd);
    this.formField.state().value.set(upper);
  }
}
