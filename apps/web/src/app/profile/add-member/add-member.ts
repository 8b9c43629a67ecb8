import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, required, submit } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { type Member, RELATIONS, type Relation } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { dateOfBirthRules, fiscalCodeRules } from '../../forms/person-rules';
import { submitFailure } from '../../forms/server-errors';
import { UppercaseInput } from '../../forms/uppercase-input';

interface NewMemberModel {
  firstName: string;
  lastName: string;
  fiscalCode: string;
  dateOfBirth: string;
  /** Empty until chosen: there is no sensible default. */
  relation: Relation | '';
}

const EMPTY: NewMemberModel = { firstName: '', lastName: '', fiscalCode: '', dateOfBirth: '', relation: '' };

/** "Aggiungi un componente": adds a member to the citizen's household and tells the page. */
@Component({
  selector: 'pz-add-member',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, UppercaseInput],
  templateUrl: './add-member.html',
  styleUrl: './add-member.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddMember {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  readonly added = output<Member>();

  /** Every relation but `self`: the head of household is already there. */
  protected readonly relations = RELATIONS.filter((relation) => relation !== 'self');

  private readonly model = signal<NewMemberModel>({ ...EMPTY });
  protected readonly form = form(this.model, (path) => {
    required(path.firstName, { message: 'addMember.firstNameRequired' });
    required(path.lastName, { message: 'addMember.lastNameRequired' });
    fiscalCodeRules(path.fiscalCode, path.dateOfBirth);
    dateOfBirthRules(path.dateOfBirth);
    required(path.relation, { message: 'addMember.relationRequired' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The last member added, for the confirmation in the live region. */
  protected readonly lastAdded = signal<Member | null>(null);

  protected async addMember(): Promise<void> {
    this.failure.set(null);
    this.lastAdded.set(null);
    const added = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const member = await firstValueFrom(
          this.api.addHouseholdMember({
            firstName: value.firstName.trim(),
            lastName: value.lastName.trim(),
            fiscalCode: value.fiscalCode.trim(),
            dateOfBirth: value.dateOfBirth,
            // The required validator has run: submit() calls this only with a relation chosen.
            relation: value.relation as Relation,
          }),
        );
        this.added.emit(member);
        this.lastAdded.set(member);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (added && !this.failure()) {
      // A fresh, untouched form: the next member starts without the previous one's errors.
      this.form().reset({ ...EMPTY });
    } else if (!this.failure()) {
      focusFirstInvalid(this.formElement().nativeElement, this.injector);
    }
  }
}
