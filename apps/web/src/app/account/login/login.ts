import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
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
 * "Accedi": e-mail (or the username of an access letter) and password, and SPID/CIE when the Ambito
 * has enabled it. After signing in the person goes back to the page that sent them here (`ritorno`),
 * or to their profile; SPID/CIE takes the same return path through the identity provider.
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

  // `email` is the API's name for the field; a username from an access letter goes there too.
  private readonly credentials = signal<Credentials>({ email: '', password: '' });
  protected readonly form = form(this.credentials, (path) => {
    required(path.email, { message: 'login.identifierRequired' });
    required(path.password, { message: 'login.passwordRequired' });
  });

  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  private readonly returnPath = computed(() =>
    safeReturnPath(this.query().get('ritorno'), this.document.location.origin),
  );

  protected readonly failure = signal<ApiError | null>(null);
  /** The SPID/CIE sign-in came back here without a session (cancelled, refused, provider down). */
  protected readonly spidFailed = computed(() => this.query().get('errore') === 'spid');
  protected readonly methods = rxResource({ stream: () => this.api.authMethods() });
  protected readonly oidcStartUrl = computed(() => this.api.oidcStartUrl(this.returnPath()));

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
      await this.router.navigateByUrl(this.returnPath());
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
