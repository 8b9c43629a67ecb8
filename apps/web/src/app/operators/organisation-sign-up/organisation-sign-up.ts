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
import {
  email,
  form,
  FormField,
  FormRoot,
  hidden,
  maxLength,
  minLength,
  required,
  submit,
  validate,
} from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  SHOP_CATEGORIES,
  type ShopCategory,
} from '../../api/models';
import { PiazzaApi } from '../../api/piazza-api';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { PasswordToggle } from '../../forms/password-toggle/password-toggle';
import { PASSWORD_MIN_LENGTH } from '../../forms/person-rules';
import { submitFailure } from '../../forms/server-errors';
import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';

/** The form's model: the request's shape, so a server `field` such as `owner.email` points at a field. */
interface OrganisationSignUpModel {
  /** Empty until chosen: there is no sensible default. */
  kind: OrganisationKind | '';
  name: string;
  legalName: string;
  vatNumber: string;
  email: string;
  phone: string;
  website: string;
  comune: string;
  address: string;
  shopCategory: ShopCategory | '';
  owner: { firstName: string; lastName: string; email: string; password: string };
}

/** A partita IVA as people write it: 11 digits, maybe with spaces or an "IT" in front (the server says the same). */
function vatDigits(value: string): string {
  return value.replace(/\s/g, '').replace(/^IT/i, '');
}

/** "www.example.it" means https://www.example.it; the server wants the protocol written out. */
function withProtocol(website: string): string {
  const trimmed = website.trim();
  return !trimmed || /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * "Registra il tuo ente o negozio": a cooperative, association or shop signs up with its owner's
 * account. The owner confirms the e-mail address; the Ufficio di Piano then checks and accredits
 * the organisation, which until then cannot publish services or take vouchers.
 */
@Component({
  selector: 'pz-organisation-sign-up',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    PasswordToggle,
    Icon,
  ],
  templateUrl: './organisation-sign-up.html',
  styleUrl: './organisation-sign-up.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationSignUp {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  protected readonly settings = inject(AmbitoSettings);

  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly shopCategories = SHOP_CATEGORIES;

  private readonly model = signal<OrganisationSignUpModel>({
    kind: '',
    name: '',
    legalName: '',
    vatNumber: '',
    email: '',
    phone: '',
    website: '',
    comune: '',
    address: '',
    shopCategory: '',
    owner: { firstName: '', lastName: '', email: '', password: '' },
  });

  protected readonly form = form(this.model, (path) => {
    required(path.kind, { message: 'organisationSignUp.kindRequired' });
    required(path.name, { message: 'organisationSignUp.nameRequired' });
    minLength(path.name, 2, { message: 'organisationSignUp.nameRequired' });
    required(path.legalName, { message: 'organisationSignUp.legalNameRequired' });
    minLength(path.legalName, 2, { message: 'organisationSignUp.legalNameRequired' });
    required(path.vatNumber, { message: 'organisationSignUp.vatNumberRequired' });
    validate(path.vatNumber, ({ value }) =>
      value() && !/^\d{11}$/.test(vatDigits(value()))
        ? { kind: 'vatNumber', message: 'organisationSignUp.vatNumberShape' }
        : undefined,
    );
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
    maxLength(path.phone, 40, { message: 'organisationSignUp.phoneTooLong' });
    validate(path.website, ({ value }) =>
      value().trim() && !/^(https?:\/\/)?[^\s/.]+\.[^\s]+$/i.test(value().trim())
        ? { kind: 'website', message: 'organisationSignUp.websiteInvalid' }
        : undefined,
    );
    required(path.comune, { message: 'organisationSignUp.comuneRequired' });
    required(path.address, { message: 'organisationSignUp.addressRequired' });
    minLength(path.address, 3, { message: 'organisationSignUp.addressRequired' });
    // Only shops have a category: for anyone else the field is neither shown nor checked.
    hidden(path.shopCategory, { when: ({ valueOf }) => valueOf(path.kind) !== 'shop' });
    required(path.shopCategory, {
      message: 'organisationSignUp.shopCategoryRequired',
      when: ({ valueOf }) => valueOf(path.kind) === 'shop',
    });
    required(path.owner.firstName, { message: 'organisationSignUp.ownerFirstNameRequired' });
    required(path.owner.lastName, { message: 'organisationSignUp.ownerLastNameRequired' });
    required(path.owner.email, { message: 'forms.emailRequired' });
    email(path.owner.email, { message: 'forms.emailInvalid' });
    required(path.owner.password, { message: 'forms.passwordRequired' });
    minLength(path.owner.password, PASSWORD_MIN_LENGTH, { message: 'forms.passwordTooShort' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  /** The owner's address the confirmation link went to, once the organisation is signed up. */
  protected readonly sentTo = signal<string | null>(null);

  protected async signUp(): Promise<void> {
    this.failure.set(null);
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      // The validators have run: submit() calls this only with a kind (and a shop's category) chosen.
      const kind = value.kind as OrganisationKind;
      try {
        await firstValueFrom(
          this.api.signUpOrganisation({
            kind,
            name: value.name.trim(),
            legalName: value.legalName.trim(),
            vatNumber: vatDigits(value.vatNumber),
            email: value.email.trim(),
            phone: value.phone.trim() || undefined,
            website: withProtocol(value.website) || undefined,
            comune: value.comune,
            address: value.address.trim(),
            shopCategory: kind === 'shop' ? (value.shopCategory as ShopCategory) : undefined,
            owner: {
              firstName: value.owner.firstName.trim(),
              lastName: value.owner.lastName.trim(),
              email: value.owner.email.trim(),
              password: value.owner.password,
            },
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
      this.sentTo.set(this.model().owner.email.trim());
      afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }
}
