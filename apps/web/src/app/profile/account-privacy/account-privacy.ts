import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { Icon } from '../../layout/icon/icon';
import { Session } from '../../session/session';

/**
 * "I tuoi dati (GDPR)": a copy of everything the platform holds about the person, and the deletion
 * of the account, which asks for an explicit "I understand" first since it cannot be undone.
 */
@Component({
  selector: 'pz-account-privacy',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, Icon],
  templateUrl: './account-privacy.html',
  styleUrl: './account-privacy.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPrivacy {
  private readonly api = inject(PiazzaApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  protected readonly exportUrl = this.api.accountExportUrl();

  private readonly model = signal({ confirmed: false });
  protected readonly form = form(this.model, (path) => {
    required(path.confirmed, { message: 'accountPrivacy.confirmRequired' });
  });

  protected readonly failure = signal<ApiError | null>(null);

  protected async deleteAccount(): Promise<void> {
    this.failure.set(null);
    let deleted = false;
    const submitted = await submit(this.form, async () => {
      try {
        await firstValueFrom(this.api.deleteAccount());
        deleted = true;
      } catch (error) {
        const apiError = ApiError.from(error);
        if (apiError.status === 401) {
          this.session.expired();
          await this.router.navigate(['/accedi'], { queryParams: { ritorno: '/profilo' } });
          return undefined;
        }
        // SOLE_OWNER (409) and anything else: said above the form, with the server's words.
        this.failure.set(apiError);
      }
      return undefined;
    });
    if (deleted) {
      this.session.accountWasDeleted();
      await this.router.navigateByUrl('/');
    } else if (!submitted) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
