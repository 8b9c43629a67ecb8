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
import { form, FormRoot, submit } from '@angular/forms/signals';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { NewPasswordFields, newPasswordRules } from '../../forms/new-password-fields/new-password-fields';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';

/** Where the reset link lands (`/accesso/nuova-password?token=…`): choose a new password, twice. */
@Component({
  selector: 'pz-new-password',
  imports: [RouterLink, TranslatePipe, FormRoot, FormAlert, NewPasswordFields, Icon],
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
    newPasswordRules(path.password, path.confirmation);
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
