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
import { email, form, FormField, FormRoot, minLength, required, submit } from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { PasswordToggle } from '../../forms/password-toggle/password-toggle';
import { submitFailure } from '../../forms/server-errors';
import { UppercaseInput } from '../../forms/uppercase-input';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { dateOfBirthRules, fiscalCodeRules, PASSWORD_MIN_LENGTH } from '../../forms/person-rules';

/** The form's model: the request's property names, so the server's `field` points straight at a field. */
interface SignUpModel {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  dateOfBirth: string;
  comune: string;
  address: string;
  email: string;
  password: string;
  privacyAccepted: boolean;
}

/**
 * "Registrati": a citizen creates their account with the head of household's own data. The
 * account works once the e-mail address is confirmed, so there is no automatic sign-in.
 */
@Component({
  selector: 'pz-sign-up',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    PasswordToggle,
    UppercaseInput,
    Icon,
  ],
  templateUrl: './sign-up.html',
  styleUrl: './sign-up.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignUp {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  protected readonly settings = inject(AmbitoSettings);

  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  private readonly model = signal<SignUpModel>({
    firstName: '',
    lastName: '',
    fiscalCode: '',
    dateOfBirth: '',
    comune: '',
    address: '',
    email: '',
    password: '',
    privacyAccepted: false,
  });

  protected readonly form = form(this.model, (path) => {
    required(path.firstName, { message: 'signUp.firstNameRequired' });
    required(path.lastName, { message: 'signUp.lastNameRequired' });
    fiscalCodeRules(path.fiscalCode, path.dateOfBirth);
    dateOfBirthRules(path.dateOfBirth);
    required(path.comune, { message: 'signUp.comuneRequired' });
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
    required(path.password, { message: 'forms.passwordRequired' });
    minLength(path.password, PASSWORD_MIN_LENGTH, { message: 'forms.passwordTooShort' });
    required(path.privacyAccepted, { message: 'signUp.privacyRequired' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The address the confirmation link went to, once the account exists. */
  protected readonly sentTo = signal<string | null>(null);

  protected async register(): Promise<void> {
    this.failure.set(null);
    const registered = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        await firstValueFrom(
          this.api.register({
            firstName: value.firstName.trim(),
            lastName: value.lastName.trim(),
            fiscalCode: value.fiscalCode.trim(),
            dateOfBirth: value.dateOfBirth,
            comune: value.comune,
            address: value.address.trim() || undefined,
            email: value.email.trim(),
            password: value.password,
            privacyAccepted: true,
          }),
        );
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (registered && !this.failure()) {
      this.sentTo.set(this.model().email.trim());
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
