import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  email,
  form,
  FormField,
  FormRoot,
  maxLength,
  required,
  submit,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type ProviderProfile } from '../../api/back-office-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { LogoUpload } from '../logo-upload/logo-upload';
import {
  OpeningHoursEditor,
  openingHoursOf,
  type OpeningHoursRow,
  openingHoursRows,
  openingHoursRules,
} from '../opening-hours-editor/opening-hours-editor';
import { PointPicker, pointModel, type PointModel, pointOf, pointRules } from '../point-picker/point-picker';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';
import { looksLikeWebAddress, orNull, withProtocol } from '../web-address';

/** The request's shape, so the server's `field` (`pec`, `location`, `openingHours`) points at a field. */
interface ProfileModel {
  description: string;
  history: string;
  email: string;
  phone: string;
  website: string;
  pec: string;
  address: string;
  comuneSlug: string;
  location: PointModel;
  openingHours: OpeningHoursRow[];
}

function profileModel(profile: ProviderProfile | undefined): ProfileModel {
  return {
    description: profile?.description ?? '',
    history: profile?.history ?? '',
    email: profile?.email ?? '',
    phone: profile?.phone ?? '',
    website: profile?.website ?? '',
    pec: profile?.pec ?? '',
    address: profile?.address ?? '',
    comuneSlug: profile?.comuneSlug ?? '',
    location: pointModel(profile?.location ?? null),
    openingHours: openingHoursRows(profile?.openingHours ?? []),
  };
}

/**
 * "Profilo dell'ente": what families read on the organisation's public page (presentation,
 * history, contacts, address and point on the map, opening hours) and its logo.
 */
@Component({
  selector: 'pz-organisation-profile',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    LoadError,
    ProviderNav,
    OpeningHoursEditor,
    PointPicker,
    LogoUpload,
  ],
  templateUrl: './organisation-profile.html',
  styleUrl: './organisation-profile.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationProfile {
  private readonly api = inject(BackOfficeApi);
  private readonly injector = inject(Injector);
  protected readonly organisation = inject(ProviderOrganisation);
  protected readonly settings = inject(AmbitoSettings);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');

  protected readonly profile = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.profile(organisationId),
  });

  protected readonly loadError = computed(() => {
    const error = this.profile.error();
    return error ? ApiError.from(error) : null;
  });

  /** Starts again from the server's values whenever they change (loaded, saved, another organisation). */
  private readonly model = linkedSignal(() => profileModel(this.profile.value()));
  protected readonly form = form(this.model, (path) => {
    maxLength(path.description, 2000, { message: 'backOffice.profile.descriptionTooLong' });
    maxLength(path.history, 5000, { message: 'backOffice.profile.historyTooLong' });
    required(path.email, { message: 'forms.emailRequired' });
    email(path.email, { message: 'forms.emailInvalid' });
    email(path.pec, { message: 'backOffice.profile.pecInvalid' });
    maxLength(path.phone, 40, { message: 'backOffice.profile.phoneTooLong' });
    validate(path.website, ({ value }) =>
      value().trim() && !looksLikeWebAddress(value())
        ? { kind: 'website', message: 'backOffice.profile.websiteInvalid' }
        : undefined,
    );
    required(path.address, { message: 'backOffice.profile.addressRequired' });
    required(path.comuneSlug, { message: 'backOffice.profile.comuneRequired' });
    pointRules(path.location, { required: false });
    openingHoursRules(path.openingHours);
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly saved = signal(false);

  protected async save(): Promise<void> {
    const organisationId = this.organisation.current()?.id;
    if (!organisationId) return;
    this.failure.set(null);
    this.saved.set(false);
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const profile = await firstValueFrom(
          this.api.updateProfile(organisationId, {
            description: value.description.trim(),
            history: value.history.trim(),
            email: value.email.trim(),
            phone: orNull(value.phone),
            website: orNull(withProtocol(value.website)),
            pec: orNull(value.pec),
            address: value.address.trim(),
            comuneSlug: value.comuneSlug,
            location: pointOf(value.location),
            openingHours: openingHoursOf(value.openingHours),
          }),
        );
        this.profile.set(profile);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (done && !this.failure()) {
      this.saved.set(true);
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }

  /** Kept apart from the profile, so a new logo does not reset what the person is typing in the form. */
  protected readonly logoUrl = linkedSignal(() => this.profile.value()?.logoUrl ?? null);
}
