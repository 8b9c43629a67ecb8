import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  form,
  FormField,
  FormRoot,
  max,
  maxLength,
  min,
  required,
  submit,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { BackOfficeApi } from '../../api/back-office-api';
import { type PlaceDto, type SlotDto, type SlotInput } from '../../api/back-office-models';
import { type LocalizedText } from '../../api/models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';
import { LocalizedPipe } from '../../i18n/localized';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoDayPipe, ambitoInstant, AmbitoTimePipe, ambitoToday } from '../ambito-time';
import { ConfirmAction } from '../confirm-action/confirm-action';

interface SlotModel {
  date: string;
  startTime: string;
  endTime: string;
  capacity: number | null;
  /** Empty: no particular place (at home, online). */
  placeId: string;
  note: string;
  repeatWeeks: number | null;
}

/** The server speaks of instants; the form of a date and two times. */
const SERVER_FIELDS: Readonly<Record<string, string>> = { startsAt: 'startTime', endsAt: 'endTime' };

const MAX_CAPACITY = 1000;
const MAX_REPEAT_WEEKS = 26;

function emptySlot(): SlotModel {
  return { date: '', startTime: '', endTime: '', capacity: 1, placeId: '', note: '', repeatWeeks: 0 };
}

/** The slot as the API takes it, with another capacity. */
function slotInput(slot: SlotDto, capacity: number): SlotInput {
  return {
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    capacity,
    placeId: slot.placeId,
    note: slot.note,
  };
}

/**
 * "Disponibilità": the dates and times families can book, with how many places each has and how
 * many are taken. New ones are added one at a time or for several weeks at once; a capacity can be
 * changed (never below what is booked); a slot nobody booked is deleted, a booked one is cancelled.
 */
@Component({
  selector: 'pz-service-slots',
  imports: [
    TranslatePipe,
    LocalizedPipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    LoadError,
    ConfirmAction,
    AmbitoDayPipe,
    AmbitoTimePipe,
  ],
  templateUrl: './service-slots.html',
  styleUrl: './service-slots.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceSlots {
  private readonly api = inject(BackOfficeApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly tableHeading = viewChild<ElementRef<HTMLElement>>('tableHeading');

  readonly serviceId = input.required<string>();
  readonly places = input.required<readonly PlaceDto[]>();

  protected readonly today = ambitoToday();

  protected readonly slots = rxResource({
    params: () => this.serviceId(),
    stream: ({ params: serviceId }) => this.api.slots(serviceId),
  });

  protected readonly loadError = computed(() => {
    const error = this.slots.error();
    return error ? ApiError.from(error) : null;
  });

  /** Those not over yet, soonest first. */
  protected readonly upcoming = computed(() => {
    const now = Date.now();
    return (this.slots.value() ?? [])
      .filter((slot) => new Date(slot.endsAt).getTime() > now)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  });

  protected readonly placeNames = computed(
    () => new Map(this.places().map((place) => [place.id, place.name])),
  );

  private readonly model = signal<SlotModel>(emptySlot());
  protected readonly form = form(this.model, (path) => {
    required(path.date, { message: 'backOffice.slots.dateRequired' });
    validate(path.date, ({ value }) =>
      value() && value() < this.today ? { kind: 'past', message: 'backOffice.slots.datePast' } : undefined,
    );
    required(path.startTime, { message: 'backOffice.slots.startRequired' });
    required(path.endTime, { message: 'backOffice.slots.endRequired' });
    validate(path.endTime, ({ value, valueOf }) => {
      const start = valueOf(path.startTime);
      return start && value() && value() <= start
        ? { kind: 'endBeforeStart', message: 'backOffice.slots.endBeforeStart' }
        : undefined;
    });
    required(path.capacity, { message: 'backOffice.slots.capacityRequired' });
    min(path.capacity, 1, { message: 'backOffice.slots.capacityRange' });
    max(path.capacity, MAX_CAPACITY, { message: 'backOffice.slots.capacityRange' });
    validate(path.capacity, ({ value }) =>
      value() !== null && !Number.isInteger(value())
        ? { kind: 'integer', message: 'backOffice.slots.capacityRange' }
        : undefined,
    );
    maxLength(path.note, 500, { message: 'backOffice.slots.noteTooLong' });
    min(path.repeatWeeks, 0, { message: 'backOffice.slots.repeatRange' });
    max(path.repeatWeeks, MAX_REPEAT_WEEKS, { message: 'backOffice.slots.repeatRange' });
  });

  protected readonly failure = signal<ApiError | null>(null);
  protected readonly announcement = signal<{ key: string; count?: number } | null>(null);

  /** The slot whose capacity is being changed, and the number typed. */
  protected readonly editing = signal<string | null>(null);
  protected readonly capacity = signal<number | null>(null);
  protected readonly rowProblem = signal<{
    slotId: string;
    text: LocalizedText | null;
    key: string | null;
  } | null>(null);
  protected readonly rowBusy = signal<string | null>(null);

  protected async addSlots(): Promise<void> {
    this.failure.set(null);
    this.announcement.set(null);
    let created = 0;
    const done = await submit(this.form, async (fields) => {
      const value = fields().value();
      try {
        const slots = await firstValueFrom(
          this.api.createSlots(this.serviceId(), {
            startsAt: ambitoInstant(value.date, value.startTime),
            endsAt: ambitoInstant(value.date, value.endTime),
            capacity: value.capacity ?? 1,
            placeId: value.placeId || null,
            note: value.note.trim(),
            repeatWeeks: value.repeatWeeks ?? 0,
          }),
        );
        created = slots.length;
        this.slots.update((list) => [...(list ?? []), ...slots]);
        return undefined;
      } catch (error) {
        const { fieldErrors, formError } = submitFailure(fields, error, SERVER_FIELDS);
        this.failure.set(formError);
        return fieldErrors;
      }
    });
    if (done && !this.failure()) {
      this.announcement.set({
        key: created === 1 ? 'backOffice.slots.addedOne' : 'backOffice.slots.added',
        count: created,
      });
      // The next slot is often the same time on another day: keep times, capacity and place. Focus
      // stays on the button: the live region says what was added.
      const { startTime, endTime, capacity, placeId } = this.model();
      this.form().reset({ ...emptySlot(), startTime, endTime, capacity, placeId });
    } else if (!this.failure()) {
      const formElement = this.formElement();
      if (formElement) focusFirstInvalid(formElement.nativeElement, this.injector);
    }
  }

  protected editCapacity(slot: SlotDto): void {
    this.rowProblem.set(null);
    this.editing.set(slot.id);
    this.capacity.set(slot.capacity);
    afterNextRender(() => this.document.getElementById(`slot-capacity-${slot.id}`)?.focus(), {
      injector: this.injector,
    });
  }

  protected typeCapacity(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.capacity.set(input.value === '' ? null : input.valueAsNumber);
  }

  protected stopEditing(slot: SlotDto): void {
    this.editing.set(null);
    this.rowProblem.set(null);
    afterNextRender(() => this.document.getElementById(`slot-edit-${slot.id}`)?.focus(), {
      injector: this.injector,
    });
  }

  protected async saveCapacity(slot: SlotDto): Promise<void> {
    const capacity = this.capacity();
    if (this.rowBusy()) return;
    if (capacity === null || !Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
      this.rowProblem.set({ slotId: slot.id, text: null, key: 'backOffice.slots.capacityRange' });
      return;
    }
    this.rowBusy.set(slot.id);
    this.rowProblem.set(null);
    try {
      const saved = await firstValueFrom(this.api.updateSlot(slot.id, slotInput(slot, capacity)));
      this.slots.update((list) => list?.map((item) => (item.id === saved.id ? saved : item)));
      this.announcement.set({ key: 'backOffice.slots.capacitySaved' });
      this.stopEditing(saved);
    } catch (error) {
      const apiError = ApiError.from(error);
      this.rowProblem.set({ slotId: slot.id, text: apiError.userMessage, key: 'forms.unexpectedError' });
    } finally {
      this.rowBusy.set(null);
    }
  }

  protected async remove(slot: SlotDto): Promise<void> {
    if (this.rowBusy()) return;
    this.rowBusy.set(slot.id);
    this.rowProblem.set(null);
    this.announcement.set(null);
    try {
      const cancelled = await firstValueFrom(this.api.deleteSlot(slot.id));
      if (cancelled) {
        this.slots.update((list) => list?.map((item) => (item.id === cancelled.id ? cancelled : item)));
        this.announcement.set({ key: 'backOffice.slots.cancelled' });
      } else {
        this.slots.update((list) => list?.filter((item) => item.id !== slot.id));
        this.announcement.set({ key: 'backOffice.slots.deleted' });
        afterNextRender(() => this.tableHeading()?.nativeElement.focus(), { injector: this.injector });
      }
    } catch (error) {
      const apiError = ApiError.from(error);
      this.rowProblem.set({ slotId: slot.id, text: apiError.userMessage, key: 'forms.unexpectedError' });
    } finally {
      this.rowBusy.set(null);
    }
  }
}
