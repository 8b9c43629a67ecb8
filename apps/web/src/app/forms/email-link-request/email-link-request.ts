import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { email, form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, type Observable } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { FieldError } from '../field-error/field-error';
import { FieldStatus } from '../field-status';
import { focusFirstInvalid } from '../focus-first-invalid';
import { FormAlert } from '../form-alert/form-alert';
import { submitFailure } from '../server-errors';

/**
 * An e-mail address only, to ask for a link by e-mail (a password reset, the confirmation link
 * again). The page's confirmation must be the same whether or not the address has an account, so
 * the form cannot be used to find out who is registered: only a refused request (malformed address,
 * too many attempts) or no connection is reported as an error; any other answer counts as `sent`.
 */
@Component({
  selector: 'pz-email-link-request',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert],
  templateUrl: './email-link-request.html',
  styleUrl: './email-link-request.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailLinkRequest {
  /** The e-mail input's id; its error's is this plus `-error`. */
  readonly fieldId = input.required<string>();
  /** The submit button's label, as a translation key. */
  readonly submitLabel = input.required<string>();
  /** Asks the server for the link. */
  readonly send = input.required<(email: string) => Observable<unknown>>();
  /** Logged, with the error, when an answer other than a refusal is treated as success. */
  readonly failureLog = input.required<string>();
  /** The request went through, or must look as if it did: the page shows its confirmation. */
  readonly sent = output();

  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  private readonly model = signal({ email: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
  });

  protected readonly failure = signal<ApiError | null>(null);

  protected async requestLink(): Promise<void> {
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      try {
        await firstValueFrom(this.send()(fields().value().email.trim()));
      } catch (error) {
        const apiError = ApiError.from(error);
        if (apiError.status === 400 || apiError.status === 429 || apiError.status === 0) {
          const { fieldErrors, formError } = submitFailure(fields, apiError);
          this.failure.set(formError);
          return fieldErrors;
        }
        // Any other answer must look exactly like success: see the class comment.
        console.warn(this.failureLog(), apiError);
      }
      return undefined;
    });
    if (done && !this.failure()) {
      this.sent.emit();
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
