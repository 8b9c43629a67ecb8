import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  type FieldTree,
  FormField,
  minLength,
  required,
  type SchemaPath,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';

import { FieldError } from '../field-error/field-error';
import { FieldStatus } from '../field-status';
import { PasswordToggle } from '../password-toggle/password-toggle';
import { PASSWORD_MIN_LENGTH } from '../person-rules';

/**
 * The rules of a password being chosen: required and long enough, and, given the field that repeats
 * it, that field required and equal to it.
 */
export function newPasswordRules(password: SchemaPath<string>, confirmation?: SchemaPath<string>): void {
  required(password, { message: 'forms.passwordRequired' });
  minLength(password, PASSWORD_MIN_LENGTH, { message: 'forms.passwordTooShort' });
  if (!confirmation) return;
  required(confirmation, { message: 'newPassword.confirmationRequired' });
  validate(confirmation, ({ value, valueOf }) =>
    value() && value() !== valueOf(password)
      ? { kind: 'mismatch', message: 'newPassword.mismatch' }
      : undefined,
  );
}

/**
 * A new password with its rule and a "Mostra" toggle, and, given a `confirmation` field, the field
 * that repeats it; bound to part of the page's form, whose schema applies `newPasswordRules()`.
 * Hints and errors take their ids from the inputs' (`passwordId-hint`, `passwordId-error`,
 * `confirmationId-error`).
 */
@Component({
  selector: 'pz-new-password-fields',
  imports: [TranslatePipe, FormField, FieldStatus, FieldError, PasswordToggle],
  templateUrl: './new-password-fields.html',
  styleUrl: './new-password-fields.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordFields {
  readonly password = input.required<FieldTree<string>>();
  readonly passwordId = input.required<string>();
  /** The password field's label, as a translation key. */
  readonly passwordLabel = input('newPassword.password');
  readonly confirmation = input<FieldTree<string>>();
  readonly confirmationId = input('');
}
