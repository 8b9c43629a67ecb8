import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { email, form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { type OrganisationRole } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';

const EMPTY = { email: '', role: 'staff' as OrganisationRole };

/**
 * "Invita una persona": an owner e-mails someone a link to join the organisation, as a member of
 * staff or as another owner. They appear among the people once they accept.
 */
@Component({
  selector: 'pz-invite-person',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert],
  templateUrl: './invite-person.html',
  styleUrl: './invite-person.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitePerson {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  readonly organisationId = input.required<string>();
  readonly organisationName = input.required<string>();

  /** Ids unique on a page that lists several organisations. */
  protected readonly idPrefix = computed(() => `invite-${this.organisationId()}`);

  protected readonly roles: OrganisationRole[] = ['staff', 'owner'];

  private readonly model = signal({ ...EMPTY });
  protected readonly form = form(this.model, (path) => {
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
    required(path.role);
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The address of the last invitation sent, for the confirmation in the live region. */
  protected readonly lastInvited = signal<string | null>(null);

  protected async invite(): Promise<void> {
    this.failure.set(null);
    this.lastInvited.set(null);
    const sent = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const address = value.email.trim();
        await firstValueFrom(
          this.api.inviteToOrganisation(this.organisationId(), { email: address, role: value.role }),
        );
        this.lastInvited.set(address);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (sent && !this.failure()) {
      // A fresh form for the next person, without the previous one's errors.
      this.form().reset({ ...EMPTY });
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
