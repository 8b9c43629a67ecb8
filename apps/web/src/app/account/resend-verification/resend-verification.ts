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
 * "Invia di nuovo il link", under an expired or used confirmation link. As for a password reset,
 * the confirmation is the same whether or not the address has an account waiting to be confirmed.
 */
@Component({
  selector: 'pz-resend-verification',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, Icon],
  templateUrl: './resend-verification.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResendVerification {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');

  private readonly model = signal({ email: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly sent = signal(false);

  protected async resend(): Promise<void> {
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      try {
        await firstValueFrom(this.api.resendVerification(fields().value().email.trim()));
      } catch (error) {
        const apiError = ApiError.from(error);
        if (apiError.status === 400 || apiError.status === 429 || apiError.status === 0) {
          const { fieldErrors, formError } = submitFailure(fields, apiError);
          this.failure.set(formError);
          return fieldErrors;
        }
        // Any other answer must look exactly like success: see the class comment.
        console.warn('Piazza: resending the confirmation link failed', apiError);
      }
      return undefined;
    });
    if (done && !this.failure()) {
      this.sent.set(true);
      afterNextRender(() => this.confirmation()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
