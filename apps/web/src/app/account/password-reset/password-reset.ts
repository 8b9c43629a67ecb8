import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { email, form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';

/**
 * "Password dimenticata?": asks for a reset link. The confirmation is the same whether or not the
 * address has an account, so the page cannot be used to find out who is registered; only a refused
 * request (malformed address, too many attempts) or no connection is reported as an error.
 */
@Component({
  selector: 'pz-password-reset',
  imports: [RouterLink, TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, Icon],
  templateUrl: './password-reset.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordReset {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  private readonly model = signal({ email: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly requested = signal(false);

  protected async requestLink(): Promise<void> {
    this.failure.set(null);
    const sent = await submit(this.form, async (fields) => {
      try {
        await firstValueFrom(this.api.requestPasswordReset(fields().value().email.trim()));
      } catch (error) {
        const apiError = ApiError.from(error);
        if (apiError.status === 400 || apiError.status === 429 || apiError.status === 0) {
          const { fieldErrors, formError } = submitFailure(fields, apiError);
          this.failure.set(formError);
          return fieldErrors;
        }
        // Any other answer must look exactly like success: see the class comment.
        console.warn('Piazza: password-reset request failed', apiError);
      }
      return undefined;
    });
    if (sent && !this.failure()) {
      this.requested.set(true);
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
