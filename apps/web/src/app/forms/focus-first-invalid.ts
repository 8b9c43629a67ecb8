import { afterNextRender, type Injector } from '@angular/core';

/**
 * After a refused submit, takes the person to the first field that needs fixing, once its error
 * message is on screen so that screen readers read it with the label.
 */
export function focusFirstInvalid(form: HTMLElement, injector: Injector): void {
  afterNextRender(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), { injector });
}
