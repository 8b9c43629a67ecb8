import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { form, FormField, FormRoot, minLength, required, submit } from '@angular/forms/signals';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { NewPasswordFields, newPasswordRules } from '../../forms/new-password-fields/new-password-fields';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';
import { Session } from '../../session/session';

/** The server's minimum for a display name. */
const DISPLAY_NAME_MIN_LENGTH = 2;

/**
 * Where the link of an invitation to an organisation lands (`/accesso/invito?token=…`). Signed in,
 * the person accepts with one button (the server checks the account is the invited address);
 * signed out, they create the account for the invited address with a name and a password.
 */
@Component({
  selector: 'pz-accept-invitation',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    NewPasswordFields,
    Icon,
  ],
  templateUrl: './accept-invitation.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitation {
  private readonly api = inject(PiazzaApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  protected readonly session = inject(Session);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  protected readonly token = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('token'))),
    { requireSync: true },
  );

  /** Sign in and come back here: for an invited address that already has an account. */
  protected readonly loginQuery = computed(() => ({
    ritorno: `/accesso/invito?token=${encodeURIComponent(this.token() ?? '')}`,
  }));

  private readonly model = signal({ displayName: '', password: '' });
  protected readonly form = form(this.model, (path) => {
    required(path.displayName, { message: 'acceptInvitation.displayNameRequired' });
    minLength(path.displayName, DISPLAY_NAME_MIN_LENGTH, { message: 'acceptInvitation.displayNameRequired' });
    newPasswordRules(path.password);
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly accepting = signal(false);
  /** Joined with a new account: next comes signing in. */
  protected readonly joined = signal(false);

  /** Signed in: joins as this account, then opens the organisation's page with the new role. */
  protected async acceptSignedIn(): Promise<void> {
    const token = this.token();
    if (!token || this.accepting()) return;
    this.failure.set(null);
    this.accepting.set(true);
    try {
      await firstValueFrom(this.api.acceptInvitation(token));
      await this.session.refresh();
      await this.router.navigateByUrl('/ente');
    } catch (error) {
      this.failure.set(ApiError.from(error));
    } finally {
      this.accepting.set(false);
    }
  }

  /** Signed in as someone else: signs out, then signs in as the invited account and comes back. */
  protected async switchAccount(): Promise<void> {
    if (await this.session.logout()) {
      await this.router.navigate(['/accedi'], { queryParams: this.loginQuery() });
    }
  }

  /** Signed out: creates the account for the invited address and joins with it. */
  protected async acceptWithNewAccount(): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        await firstValueFrom(
          this.api.acceptInvitation(token, {
            displayName: value.displayName.trim(),
            password: value.password,
          }),
        );
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (done && !this.failure()) {
      this.joined.set(true);
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
