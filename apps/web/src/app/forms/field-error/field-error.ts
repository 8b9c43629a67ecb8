import { ChangeDetectionStrategy, Component, computed, input, type Signal } from '@angular/core';
import { type ValidationError } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { type LocalizedText } from '../../api/models';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { ServerFieldError } from '../server-errors';

/** The part of a field's state this component reads. */
export interface FieldErrorSource {
  touched: Signal<boolean>;
  errors: Signal<readonly ValidationError[]>;
}

/**
 * A field's first error, under the field. Give it an `id` and name that id in the control's
 * `aria-describedby`: it is always in the page, empty while there is nothing to say.
 * Client-side validators put a translation key in `message`; the server's errors carry their text.
 */
@Component({
  selector: 'pz-field-error',
  imports: [TranslatePipe, LocalizedPipe, Icon],
  templateUrl: './field-error.html',
  styleUrl: './field-error.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldError {
  readonly state = input.required<FieldErrorSource>();

  protected readonly error = computed<{ text: LocalizedText } | { key: string } | null>(() => {
    const state = this.state();
    const [first] = state.errors();
    if (!state.touched() || !first) return null;
    if (first instanceof ServerFieldError) return { text: first.text };
    return { key: first.message ?? 'forms.invalidValue' };
  });
}
