import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, maxLength, required, submit } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type PlaceDto } from '../../api/back-office-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';
import { AmbitoSettings } from '../../settings/ambito-settings';
import {
  OpeningHoursEditor,
  openingHoursOf,
  type OpeningHoursRow,
  openingHoursRows,
  openingHoursRules,
} from '../opening-hours-editor/opening-hours-editor';
import { PointPicker, pointModel, type PointModel, pointOf, pointRules } from '../point-picker/point-picker';

/** The request's shape (`PlaceInput`), so the server's `field` points at a field. */
interface PlaceModel {
  name: string;
  address: string;
  comuneSlug: string;
  location: PointModel;
  openingHours: OpeningHoursRow[];
  accessibility: string;
}

function placeModel(place: PlaceDto | null): PlaceModel {
  return {
    name: place?.name ?? '',
    address: place?.address ?? '',
    comuneSlug: place?.comune.slug ?? '',
    location: pointModel(place?.location ?? null),
    openingHours: openingHoursRows(place?.openingHours ?? []),
    accessibility: place?.accessibility ?? '',
  };
}

/** A new place of the organisation, or changes to one: name, address, point, hours, accessibility. */
@Component({
  selector: 'pz-place-form',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    OpeningHoursEditor,
    PointPicker,
  ],
  templateUrl: './place-form.html',
  styleUrl: './place-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaceForm {
  private readonly api = inject(BackOfficeApi);
  private readonly injector = inject(Injector);
  protected readonly settings = inject(AmbitoSettings);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  readonly organisationId = input.required<string>();
  /** The place to change; null for a new one. */
  readonly place = input<PlaceDto | null>(null);
  readonly saved = output<PlaceDto>();
  readonly cancelled = output<void>();

  private readonly model = linkedSignal(() => placeModel(this.place()));
  protected readonly form = form(this.model, (path) => {
    required(path.name, { message: 'backOffice.places.nameRequired' });
    maxLength(path.name, 200, { message: 'backOffice.places.nameTooLong' });
    required(path.address, { message: 'backOffice.places.addressRequired' });
    required(path.comuneSlug, { message: 'backOffice.places.comuneRequired' });
    pointRules(path.location, { required: true });
    openingHoursRules(path.openingHours);
    maxLength(path.accessibility, 1000, { message: 'backOffice.places.accessibilityTooLong' });
  });

  protected readonly failure = signal<ApiError | null>(null);

  /** Called by the page when the form opens, so the person starts reading at its heading. */
  focusHeading(): void {
    afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    this.failure.set(null);
    const place = this.place();
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      const input = {
        name: value.name.trim(),
        address: value.address.trim(),
        comuneSlug: value.comuneSlug,
        // The validators have run: submit() calls this only with both coordinates.
        location: pointOf(value.location)!,
        openingHours: openingHoursOf(value.openingHours),
        accessibility: value.accessibility.trim(),
      };
      try {
        const saved = await firstValueFrom(
          place ? this.api.updatePlace(place.id, input) : this.api.createPlace(this.organisationId(), input),
        );
        this.saved.emit(saved);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (!done && !this.failure()) focusFirstInvalid(this.formElement().nativeElement, this.injector);
  }
}
