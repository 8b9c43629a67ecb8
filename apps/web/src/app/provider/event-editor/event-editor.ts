import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import {
  form,
  FormField,
  FormRoot,
  hidden,
  maxLength,
  minLength,
  required,
  validate,
} from '@angular/forms/signals';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom, map, of } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type EventInput, type PlaceDto, type ProviderEvent } from '../../api/back-office-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { ambitoDateTime, ambitoInstant, ambitoToday } from '../ambito-time';
import { ConfirmAction } from '../confirm-action/confirm-action';
import { EditorActions, type EditorOutcome } from '../editor-actions';
import { centsToEuroText, euroToCents, isEuroAmount } from '../euro-amount';
import { PointPicker, pointModel, type PointModel, pointOf, pointRules } from '../point-picker/point-picker';
import { ProviderNav } from '../provider-nav/provider-nav';
import { ProviderOrganisation } from '../provider-organisation';
import { NEW_ITEM } from '../provider-paths';
import { StatusBadge } from '../status-badge/status-badge';
import { looksLikeWebAddress, orNull, withProtocol } from '../web-address';

interface EventModel {
  title: string;
  summary: string;
  description: string;
  date: string;
  allDay: boolean;
  startTime: string;
  endTime: string;
  /** Empty: somewhere else than the organisation's places (typed below). */
  placeId: string;
  venue: string;
  address: string;
  comuneSlug: string;
  location: PointModel;
  free: boolean;
  price: string;
  registrationUrl: string;
}

/** The server speaks of instants; the form of a date and two times (none for a whole day). */
function serverFields(allDay: boolean): Readonly<Record<string, string>> {
  return allDay
    ? { startsAt: 'date', endsAt: 'date', priceCents: 'price' }
    : { startsAt: 'startTime', endsAt: 'endTime', priceCents: 'price' };
}

function eventModel(event: ProviderEvent | undefined): EventModel {
  const starts = event ? ambitoDateTime(event.startsAt) : null;
  const ends = event ? ambitoDateTime(event.endsAt) : null;
  return {
    title: event?.title ?? '',
    summary: event?.summary ?? '',
    description: event?.description ?? '',
    date: starts?.date ?? '',
    allDay: event?.allDay ?? false,
    startTime: event?.allDay ? '' : (starts?.time ?? ''),
    endTime: event?.allDay ? '' : (ends?.time ?? ''),
    placeId: event?.placeId ?? '',
    venue: event?.placeId ? '' : (event?.venue ?? ''),
    address: event?.placeId ? '' : (event?.address ?? ''),
    comuneSlug: event?.placeId ? '' : (event?.comuneSlug ?? ''),
    location: pointModel(event?.placeId ? null : (event?.location ?? null)),
    free: event ? event.priceCents === null : true,
    price: centsToEuroText(event?.priceCents ?? null),
    registrationUrl: event?.registrationUrl ?? '',
  };
}

function eventInput(value: EventModel, place: PlaceDto | null): EventInput {
  return {
    title: value.title.trim(),
    summary: value.summary.trim(),
    description: value.description.trim(),
    // A whole day is the Ambito's day, from midnight to the last minute.
    startsAt: ambitoInstant(value.date, value.allDay ? '00:00' : value.startTime),
    endsAt: ambitoInstant(value.date, value.allDay ? '23:59' : value.endTime),
    allDay: value.allDay,
    placeId: place?.id ?? null,
    // With a place, the server takes its name, address, Comune and point.
    venue: place ? '' : value.venue.trim(),
    address: place ? '' : value.address.trim(),
    comuneSlug: place ? place.comune.slug : value.comuneSlug,
    location: place ? null : pointOf(value.location),
    priceCents: value.free ? null : euroToCents(value.price),
    registrationUrl: orNull(withProtocol(value.registrationUrl)),
  };
}

type Done = 'created' | 'saved' | 'published' | 'cancelled';

/** "Nuovo evento" and an event's own page: when and where, the price, publish and cancel. */
@Component({
  selector: 'pz-event-editor',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    LoadError,
    ProviderNav,
    StatusBadge,
    PointPicker,
    ConfirmAction,
  ],
  templateUrl: './event-editor.html',
  styleUrls: ['../editor-page.css', './event-editor.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventEditor {
  private readonly api = inject(BackOfficeApi);
  protected readonly organisation = inject(ProviderOrganisation);
  protected readonly settings = inject(AmbitoSettings);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly doneBox = viewChild<ElementRef<HTMLElement>>('doneBox');

  protected readonly today = ambitoToday();

  /** Null on "nuovo". */
  protected readonly eventId = toSignal(
    inject(ActivatedRoute).paramMap.pipe(
      map((params) => params.get('id')),
      map((id) => (id === NEW_ITEM ? null : id)),
    ),
    { requireSync: true },
  );

  private readonly actions = new EditorActions<
    ProviderEvent,
    EventInput,
    'save' | 'publish' | 'cancel',
    Done
  >({
    itemId: this.eventId,
    itemPath: '/ente/eventi',
    create: (organisationId, input) => this.api.createEvent(organisationId, input),
    update: (id, input) => this.api.updateEvent(id, input),
    show: (event) => this.event.set(event),
    formElement: this.formElement,
    doneBox: this.doneBox,
  });

  protected readonly event = rxResource({
    params: () => this.eventId() ?? undefined,
    stream: ({ params: id }) => {
      const saved = this.actions.justSaved;
      return saved?.id === id ? of(saved) : this.api.event(id);
    },
  });

  protected readonly places = rxResource({
    params: () => this.organisation.current()?.id,
    stream: ({ params: organisationId }) => this.api.places(organisationId),
  });

  protected readonly loadError = computed(() => {
    const error = this.event.error();
    return error ? ApiError.from(error) : null;
  });

  private readonly model = linkedSignal(() => eventModel(this.event.value()));
  protected readonly form = form(this.model, (path) => {
    required(path.title, { message: 'backOffice.eventEditor.titleRequired' });
    minLength(path.title, 3, { message: 'backOffice.eventEditor.titleLength' });
    maxLength(path.title, 120, { message: 'backOffice.eventEditor.titleLength' });
    maxLength(path.summary, 300, { message: 'backOffice.eventEditor.summaryTooLong' });
    required(path.date, { message: 'backOffice.eventEditor.dateRequired' });
    hidden(path.startTime, { when: ({ valueOf }) => valueOf(path.allDay) });
    hidden(path.endTime, { when: ({ valueOf }) => valueOf(path.allDay) });
    required(path.startTime, { message: 'backOffice.eventEditor.startRequired' });
    required(path.endTime, { message: 'backOffice.eventEditor.endRequired' });
    validate(path.endTime, ({ value, valueOf }) => {
      const start = valueOf(path.startTime);
      return start && value() && value() <= start
        ? { kind: 'endBeforeStart', message: 'backOffice.eventEditor.endBeforeStart' }
        : undefined;
    });
    // At one of the organisation's places, the server takes its name, address and point: the
    // fields for somewhere else are neither shown nor checked.
    hidden(path.venue, { when: ({ valueOf }) => Boolean(valueOf(path.placeId)) });
    hidden(path.address, { when: ({ valueOf }) => Boolean(valueOf(path.placeId)) });
    hidden(path.comuneSlug, { when: ({ valueOf }) => Boolean(valueOf(path.placeId)) });
    hidden(path.location, { when: ({ valueOf }) => Boolean(valueOf(path.placeId)) });
    required(path.venue, { message: 'backOffice.eventEditor.venueRequired' });
    required(path.address, { message: 'backOffice.eventEditor.addressRequired' });
    required(path.comuneSlug, { message: 'backOffice.eventEditor.comuneRequired' });
    pointRules(path.location, { required: false });
    hidden(path.price, { when: ({ valueOf }) => valueOf(path.free) });
    required(path.price, { message: 'backOffice.eventEditor.priceRequired' });
    validate(path.price, ({ value }) => {
      if (!value().trim()) return undefined;
      const cents = euroToCents(value());
      return !isEuroAmount(value()) || cents === null || cents <= 0
        ? { kind: 'price', message: 'backOffice.eventEditor.priceInvalid' }
        : undefined;
    });
    validate(path.registrationUrl, ({ value }) =>
      value().trim() && !looksLikeWebAddress(value())
        ? { kind: 'url', message: 'backOffice.eventEditor.registrationUrlInvalid' }
        : undefined,
    );
  });

  protected readonly failure = this.actions.failure;
  protected readonly done = this.actions.done;
  protected readonly busy = this.actions.busy;

  protected async save(): Promise<void> {
    await this.saveForm('save', async (input) => {
      const existed = this.eventId() !== null;
      return { item: await this.actions.store(input), done: existed ? 'saved' : 'created' };
    });
  }

  /** Saves what is on screen, then puts the event on the Ambito's calendar. */
  protected async publish(): Promise<void> {
    await this.saveForm('publish', async (input) => {
      const saved = await this.actions.store(input);
      return { item: await firstValueFrom(this.api.publishEvent(saved.id)), done: 'published' };
    });
  }

  protected async cancelEvent(): Promise<void> {
    const id = this.eventId();
    if (!id) return;
    await this.actions.act('cancel', async () => ({
      item: await firstValueFrom(this.api.cancelEvent(id)),
      done: 'cancelled',
    }));
  }

  private async saveForm(
    kind: 'save' | 'publish',
    action: (input: EventInput) => Promise<EditorOutcome<ProviderEvent, Done>>,
  ): Promise<void> {
    await this.actions.submitForm(
      kind,
      this.form,
      (value) => {
        const place = (this.places.value() ?? []).find((item) => item.id === value.placeId) ?? null;
        return action(eventInput(value, place));
      },
      (value) => serverFields(value.allDay),
    );
  }
}
