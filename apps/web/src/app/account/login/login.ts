import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { email, form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { type ApiError } from '../../api/api-error';
import { type Credentials } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { PasswordToggle } from '../../forms/password-toggle/password-toggle';
import { submitFailure } from '../../forms/server-errors';
import { safeReturnPath } from '../../session/return-path';
import { Session } from '../../session/session';

/**
 * "Accedi": e-mail and password, and SPID/CIE when the Ambito has enabled it. After signing in the
 * person goes back to the page that sent them here (`ritorno`), or to their profile.
 */
@Component({
  selector: 'pz-login',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    PasswordToggle,
  ],
  templateUrl: './login.html',
  styleUrl: './login.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  private readonly credentials = signal<Credentials>({ email: '', password: '' });
  protected readonly form = form(this.credentials, (path) => {
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
    required(path.password, { message: 'login.passwordRequired' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly methods = rxResource({ stream: () => this.api.authMethods() });
  protected readonly oidcStartUrl = this.api.oidcStartUrl();

  protected async signIn(): Promise<void> {
    this.failure.set(null);
    const signedIn = await submit(this.form, async (fields) => {
      try {
        const credentials = fields().value();
        await this.session.login({ email: credentials.email.trim(), password: credentials.password });
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (signedIn && !this.failure()) {
      const target = safeReturnPath(
        this.route.snapshot.queryParamMap.get('ritorno'),
        this.document.location.origin,
      );
      await this.router.navigateByUrl(target);
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
