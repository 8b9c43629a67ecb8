import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import {
  applyEach,
  form,
  FormField,
  FormRoot,
  minLength,
  required,
  type SchemaPathTree,
  submit,
} from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { type AssistedRegistrationResult, type Person, RELATIONS, type Relation } from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { dateOfBirthRules, fiscalCodeRules } from '../../forms/person-rules';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { AccessLetter } from '../access-letter/access-letter';
import { PersonFields } from '../person-fields/person-fields';

interface MemberModel extends Person {
  /** Empty until chosen: there is no sensible default. */
  relation: Relation | '';
}

/** The request's shape, so `head.fiscalCode` or `members.0.fiscalCode` from the server points at a field. */
interface AssistedRegistrationModel {
  comune: string;
  address: string;
  head: Person;
  members: MemberModel[];
}

const EMPTY_MEMBER: MemberModel = {
  firstName: '',
  lastName: '',
  fiscalCode: '',
  dateOfBirth: '',
  relation: '',
};

function emptyModel(): AssistedRegistrationModel {
  return {
    comune: '',
    address: '',
    head: { firstName: '', lastName: '', fiscalCode: '', dateOfBirth: '' },
    members: [],
  };
}

/**
 * The server checks the fiscal code against the date of birth person by person and names the field
 * without saying whose it is. With the head alone it can only be the head's; a fiscal code already
 * registered is always the head's (members are not accounts).
 */
const HEAD_FIELDS: Readonly<Record<string, string>> = {
  fiscalCode: 'head.fiscalCode',
  dateOfBirth: 'head.dateOfBirth',
};

function personRules(path: SchemaPathTree<Person>): void {
  required(path.firstName, { message: 'addMember.firstNameRequired' });
  required(path.lastName, { message: 'addMember.lastNameRequired' });
  fiscalCodeRules(path.fiscalCode, path.dateOfBirth);
  dateOfBirthRules(path.dateOfBirth);
}

/**
 * "Registra un nucleo": at a Social Point, a social worker registers a household whose head has no
 * e-mail address, then prints the access letter with the username and a one-time code.
 */
@Component({
  selector: 'pz-assisted-registration',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    Icon,
    AccessLetter,
    PersonFields,
  ],
  templateUrl: './assisted-registration.html',
  styleUrl: './assisted-registration.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssistedRegistration {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly settings = inject(AmbitoSettings);

  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly addButton = viewChild<ElementRef<HTMLButtonElement>>('addButton');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  /** Every relation but `self`: the head of household has their own fieldset. */
  protected readonly relations = RELATIONS.filter((relation) => relation !== 'self');

  private readonly model = signal<AssistedRegistrationModel>(emptyModel());
  protected readonly form = form(this.model, (path) => {
    required(path.comune, { message: 'assisted.comuneRequired' });
    required(path.address, { message: 'assisted.addressRequired' });
    minLength(path.address, 3, { message: 'assisted.addressRequired' });
    personRules(path.head);
    applyEach(path.members, (member) => {
      personRules(member);
      required(member.relation, { message: 'assisted.relationRequired' });
    });
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The failure is about one person's fiscal code or birth date, but the server did not say whose. */
  protected readonly failureIsSomeones = signal(false);
  /** Said in the live region when a member's row goes away. */
  protected readonly rowsNotice = signal<string | null>(null);
  protected readonly registered = signal<AssistedRegistrationResult | null>(null);

  protected addMember(): void {
    this.rowsNotice.set(null);
    this.model.update((model) => ({ ...model, members: [...model.members, { ...EMPTY_MEMBER }] }));
    const index = this.model().members.length - 1;
    afterNextRender(() => this.document.getElementById(`assisted-member-${index}-firstName`)?.focus(), {
      injector: this.injector,
    });
  }

  protected removeMember(index: number): void {
    this.model.update((model) => ({ ...model, members: model.members.filter((_, i) => i !== index) }));
    // The row and its button are gone: focus goes to the next thing one would do.
    this.rowsNotice.set('assisted.memberRemoved');
    this.addButton()?.nativeElement.focus();
  }

  protected async register(): Promise<void> {
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const result = await firstValueFrom(
          this.api.registerHousehold({
            comune: value.comune,
            address: value.address.trim(),
            head: trimmed(value.head),
            members: value.members.map((member) => ({
              ...trimmed(member),
              // The required validator has run: submit() calls this only with every relation chosen.
              relation: member.relation as Relation,
            })),
          }),
        );
        this.registered.set(result);
        return undefined;
      } catch (error) {
        const apiError = ApiError.from(error);
        const onlyHead = value.members.length === 0 || apiError.code === 'FISCAL_CODE_TAKEN';
        const { fieldErrors, formError } = submitFailure(fields, apiError, onlyHead ? HEAD_FIELDS : {});
        this.failure.set(formError);
        this.failureIsSomeones.set(Boolean(formError?.field && formError.field in HEAD_FIELDS));
        return fieldErrors;
      }
    });
    if (done && !this.failure()) {
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }

  /** Back to an empty form, for the next household. */
  protected registerAnother(): void {
    this.registered.set(null);
    this.failure.set(null);
    this.rowsNotice.set(null);
    this.form().reset(emptyModel());
    afterNextRender(() => this.document.getElementById('assisted-comune')?.focus(), {
      injector: this.injector,
    });
  }
}

function trimmed(person: Person): Person {
  return {
    firstName: person.firstName.trim(),
    lastName: person.lastName.trim(),
    fiscalCode: person.fiscalCode.trim(),
    dateOfBirth: person.dateOfBirth,
  };
}
