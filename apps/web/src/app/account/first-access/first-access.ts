import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, required, submit, validate } from '@angular/forms/signals';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { NewPasswordFields, newPasswordRules } from '../../forms/new-password-fields/new-password-fields';
import { submitFailure } from '../../forms/server-errors';
import { UppercaseInput } from '../../forms/uppercase-input';
import { ContactList } from '../../layout/contact-list/contact-list';
import { Session } from '../../session/session';

/** 12 letters and digits, as printed in groups of four; dashes and spaces do not count. */
const ACCESS_CODE_SHAPE = /^[A-Z0-9]{12}$/;

/**
 * "Primo accesso": someone registered at a Social Point without e-mail opens the account with the
 * username and one-time code of the access letter, and chooses a password. The server signs them
 * in at once.
 */
@Component({
  selector: 'pz-first-access',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    NewPasswordFields,
    UppercaseInput,
    ContactList,
  ],
  templateUrl: './first-access.html',
  styleUrl: './first-access.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FirstAccess {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  private readonly model = signal({ username: '', code: '', password: '', confirmation: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.username, { message: 'firstAccess.usernameRequired' });
    required(path.code, { message: 'firstAccess.codeRequired' });
    validate(path.code, ({ value }) =>
      value() && !ACCESS_CODE_SHAPE.test(value().replace(/[\s-]/g, ''))
        ? { kind: 'accessCode', message: 'firstAccess.codeShape' }
        : undefined,
    );
    newPasswordRules(path.password, path.confirmation);
  });

  protected readonly failure = signal<ApiError | null>(null);

  protected async activate(): Promise<void> {
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const me = await firstValueFrom(
          this.api.firstAccess({
            username: value.username.trim(),
            code: value.code.trim(),
            password: value.password,
          }),
        );
        this.session.signedInAs(me);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (done && !this.failure()) {
      await this.router.navigateByUrl('/profilo');
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
