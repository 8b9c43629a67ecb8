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
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type PlaceDto } from '../../api/back-office-models';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LoadError } from '../../layout/load-error/load-error';
import { ConfirmAction } from '../confirm-action/confirm-action';
import { OpeningHoursList } from '../opening-hours-list/opening-hours-list';
import { PlaceForm } from '../place-form/place-form';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';

/**
 * "Sedi": the places where the organisation works, which its services and slots point at; each
 * one is on the map with its address, opening hours and what to know about access.
 */
@Component({
  selector: 'pz-places',
  imports: [TranslatePipe, LoadError, FormAlert, ProviderNav, PlaceForm, OpeningHoursList, ConfirmAction],
  templateUrl: './places.html',
  styleUrl: './places.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Places {
  private readonly api = inject(BackOfficeApi);
  private readonly injector = inject(Injector);
  protected readonly organisation = inject(ProviderOrganisation);
  private readonly placeForm = viewChild(PlaceForm);
  private readonly listHeading = viewChild<ElementRef<HTMLElement>>('listHeading');

  protected readonly places = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.places(organisationId),
  });

  protected readonly loadError = computed(() => {
    const error = this.places.error();
    return error ? ApiError.from(error) : null;
  });

  /** The place being changed, 'new' while adding one, null with the form closed. */
  protected readonly editing = signal<PlaceDto | 'new' | null>(null);
  protected readonly editedPlace = computed(() => {
    const editing = this.editing();
    return editing === 'new' ? null : editing;
  });
  protected readonly deleting = signal<string | null>(null);
  protected readonly failure = signal<ApiError | null>(null);
  protected readonly announcement = signal<{ key: string; name: string } | null>(null);

  protected add(): void {
    this.open('new');
  }

  protected edit(place: PlaceDto): void {
    this.open(place);
  }

  protected saved(place: PlaceDto): void {
    const isNew = this.editing() === 'new';
    this.places.update((list) =>
      isNew ? [...(list ?? []), place] : list?.map((item) => (item.id === place.id ? place : item)),
    );
    this.editing.set(null);
    this.announcement.set({
      key: isNew ? 'backOffice.places.added' : 'backOffice.places.updated',
      name: place.name,
    });
    this.focusList();
  }

  protected closeForm(): void {
    this.editing.set(null);
    this.focusList();
  }

  protected async remove(place: PlaceDto): Promise<void> {
    this.failure.set(null);
    this.announcement.set(null);
    this.deleting.set(place.id);
    try {
      await firstValueFrom(this.api.deletePlace(place.id));
      this.places.update((list) => list?.filter((item) => item.id !== place.id));
      if (this.editedPlace()?.id === place.id) this.editing.set(null);
      this.announcement.set({ key: 'backOffice.places.deleted', name: place.name });
      this.focusList();
    } catch (error) {
      this.failure.set(ApiError.from(error));
    } finally {
      this.deleting.set(null);
    }
  }

  private open(editing: PlaceDto | 'new'): void {
    this.announcement.set(null);
    this.failure.set(null);
    this.editing.set(editing);
    afterNextRender(() => this.placeForm()?.focusHeading(), { injector: this.injector });
  }

  private focusList(): void {
    afterNextRender(() => this.listHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
