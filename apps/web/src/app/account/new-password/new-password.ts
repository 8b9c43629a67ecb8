import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { form, FormField, FormRoot, minLength, required, submit, validate } from '@angular/forms/signals';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { PasswordToggle } from '../../forms/password-toggle/password-toggle';
import { PASSWORD_MIN_LENGTH } from '../../forms/person-rules';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';

/** Where the reset link lands (`/accesso/nuova-password?token=…`): choose a new password, twice. */
@Component({
  selector: 'pz-new-password',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    PasswordToggle,
    Icon,
  ],
  templateUrl: './new-password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPassword {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  protected readonly token = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('token'))),
    { requireSync: true },
  );

  private readonly model = signal({ password: '', confirmation: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.password, { message: 'forms.passwordRequired' });
    minLength(path.password, PASSWORD_MIN_LENGTH, { message: 'forms.passwordTooShort' });
    required(path.confirmation, { message: 'newPassword.confirmationRequired' });
    validate(path.confirmation, ({ value, valueOf }) =>
      value() && value() !== valueOf(path.password)
        ? { kind: 'mismatch', message: 'newPassword.mismatch' }
        : undefined,
    );
  });

  // Another reset link opened in the same tab starts over.
  protected readonly failure = linkedSignal<string | null, ApiError | null>({
    source: this.token,
    computation: () => null,
  });
  protected readonly changed = linkedSignal({ source: this.token, computation: () => false });

  protected async changePassword(): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.failure.set(null);
    const changed = await submit(this.form, async (fields) => {
      try {
        await firstValueFrom(this.api.confirmPasswordReset(token, fields().value().password));
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (changed && !this.failure()) {
      this.changed.set(true);
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
