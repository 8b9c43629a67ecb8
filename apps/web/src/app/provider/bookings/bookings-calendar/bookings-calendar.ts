import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map, of } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { CommerceApi } from '../../../api/commerce-api';
import { type Booking } from '../../../api/commerce-models';
import { formatDay } from '../../../directory/when';
import { UiLanguage } from '../../../i18n/ui-language';
import { LoadError } from '../../../layout/load-error/load-error';
import { OrderStatusBadge } from '../../../orders/order-status/order-status';
import { addDays, ambitoDateTime, ambitoInstant, AmbitoTimePipe, ambitoToday } from '../../ambito-time';
import { ProviderNav } from '../../provider-nav/provider-nav';
import { ProviderOrganisation } from '../../provider-organisation';

/** The query parameter of the week shown: its Monday, `YYYY-MM-DD`. */
const WEEK_PARAM = 'settimana';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday of the week of a calendar date. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

interface Day {
  date: string;
  label: string;
  slots: Booking[];
}

/**
 * "Prenotazioni": the organisation's dates of one week, day by day, each with its places booked
 * out of its capacity and the orders that booked them. The week is in the address (`?settimana=`).
 */
@Component({
  selector: 'pz-bookings-calendar',
  imports: [RouterLink, TranslatePipe, LoadError, OrderStatusBadge, AmbitoTimePipe, ProviderNav],
  templateUrl: './bookings-calendar.html',
  styleUrl: './bookings-calendar.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookingsCalendar {
  private readonly api = inject(CommerceApi);
  private readonly language = inject(UiLanguage);
  protected readonly organisation = inject(ProviderOrganisation);

  protected readonly thisWeek = mondayOf(ambitoToday());
  protected readonly monday = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const value = params.get(WEEK_PARAM);
        return value && DATE.test(value) ? mondayOf(value) : this.thisWeek;
      }),
    ),
    { initialValue: this.thisWeek },
  );
  protected readonly previousWeek = computed(() => addDays(this.monday(), -7));
  protected readonly nextWeek = computed(() => addDays(this.monday(), 7));
  protected readonly weekLabel = computed(() => ({
    from: formatDay(`${this.monday()}T12:00:00Z`, this.language.locale(), false),
    to: formatDay(`${addDays(this.monday(), 6)}T12:00:00Z`, this.language.locale()),
  }));

  protected readonly bookings = rxResource({
    params: () => ({ organisationId: this.organisation.current()?.id, monday: this.monday() }),
    stream: ({ params }) =>
      params.organisationId
        ? this.api.bookings(
            params.organisationId,
            ambitoInstant(params.monday, '00:00'),
            ambitoInstant(addDays(params.monday, 7), '00:00'),
          )
        : of([]),
  });
  protected readonly loadError = computed(() => {
    const error = this.bookings.error();
    return error ? ApiError.from(error) : null;
  });

  /** The days of the week that have dates, in order. */
  protected readonly days = computed<Day[]>(() => {
    const byDay = new Map<string, Booking[]>();
    for (const slot of this.bookings.value() ?? []) {
      const date = ambitoDateTime(slot.startsAt).date;
      byDay.set(date, [...(byDay.get(date) ?? []), slot]);
    }
    return [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, slots]) => ({
        date,
        label: formatDay(`${date}T12:00:00Z`, this.language.locale(), false),
        slots,
      }));
  });

  protected readonly totals = computed(() => {
    const slots = (this.bookings.value() ?? []).filter((slot) => !slot.cancelled);
    return { slots: slots.length, booked: slots.reduce((sum, slot) => sum + slot.booked, 0) };
  });

  protected weekParams(monday: string): Record<string, string | null> {
    return { ...this.organisation.queryParams(), [WEEK_PARAM]: monday === this.thisWeek ? null : monday };
  }
}
