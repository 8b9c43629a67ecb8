import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ApiError } from '../../api/api-error';
import { DirectoryApi } from '../../api/directory-api';
import { type EventCard } from '../../api/directory-models';
import { formatEuroCents } from '../../catalogue/price';
import { Tag } from '../../catalogue/tag/tag';
import { UiLanguage } from '../../i18n/ui-language';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { describePage } from '../page-meta';
import { ambitoDay, formatDay, formatTime } from '../when';
import {
  addMonths,
  type CalendarDay,
  isMonth,
  lastDayOf,
  monthGrid,
  monthOf,
  monthRange,
} from './month-grid';

/** The API's largest page: a month of events fits. */
const MONTH_PAGE_SIZE = 200;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * "/eventi": the Ambito's events of one month (`?mese=2026-12`), as a calendar grid or as a list
 * (`?vista=lista`), by Comune and free entry; with the feed to subscribe to in a calendar app.
 */
@Component({
  selector: 'pz-event-calendar',
  imports: [NgTemplateOutlet, RouterLink, TranslatePipe, Icon, LoadError, Tag],
  templateUrl: './event-calendar.html',
  styleUrl: './event-calendar.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventCalendar {
  private readonly api = inject(DirectoryApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly language = inject(UiLanguage);
  protected readonly settings = inject(AmbitoSettings);
  protected readonly weekdays = WEEKDAYS;
  protected readonly feedUrl = this.api.eventsFeedUrl();

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filters = computed(() => {
    const params = this.params();
    const month = params.get('mese');
    return {
      month: isMonth(month) ? month : monthOf(new Date()),
      view: params.get('vista') === 'lista' ? ('list' as const) : ('calendar' as const),
      comune: params.get('comune') || null,
      free: params.get('gratuito') === '1',
    };
  });

  protected readonly events = rxResource({
    params: () => this.filters(),
    stream: ({ params }) =>
      this.api.events({
        ...monthRange(params.month),
        comune: params.comune ?? undefined,
        free: params.free,
        pageSize: MONTH_PAGE_SIZE,
      }),
  });
  protected readonly items = computed(() => (this.events.hasValue() ? this.events.value().items : []));
  protected readonly loadError = computed(() => {
    const error = this.events.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly weeks = computed(() => monthGrid(this.filters().month, this.items()));
  /** The days of the month with events, for the list. */
  protected readonly agenda = computed<CalendarDay[]>(() =>
    this.weeks()
      .flat()
      .filter((day) => day.inMonth && day.events.length),
  );

  protected readonly monthName = computed(() => {
    const [year, month] = this.filters().month.split('-').map(Number);
    const name = new Intl.DateTimeFormat(this.language.locale(), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, 15)));
    return name.charAt(0).toUpperCase() + name.slice(1);
  });
  protected readonly previousMonth = computed(() => addMonths(this.filters().month, -1));
  protected readonly nextMonth = computed(() => addMonths(this.filters().month, 1));
  protected readonly todayDate = computed(() => {
    this.filters();
    return ambitoDay(new Date());
  });

  constructor() {
    describePage('directory.meta.events');
  }

  protected dayName(day: CalendarDay): string {
    return formatDay(`${day.date}T12:00:00Z`, this.language.locale(), false);
  }

  protected weekdayName(weekday: number, style: 'long' | 'short'): string {
    // 2024-01-01 was a Monday.
    return new Intl.DateTimeFormat(this.language.locale(), { weekday: style, timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, weekday)),
    );
  }

  /** "15:00" for an event starting that day, nothing for a whole day or a day it continues. */
  protected startTime(event: EventCard, day: CalendarDay): string {
    if (event.allDay) return '';
    return ambitoDay(event.startsAt) === day.date ? formatTime(event.startsAt, this.language.locale()) : '';
  }

  protected timeRange(event: EventCard, day: CalendarDay): string {
    if (event.allDay) return '';
    const locale = this.language.locale();
    const start = this.startTime(event, day);
    const endsToday = lastDayOf(event) === day.date;
    const end = endsToday ? formatTime(event.endsAt, locale) : '';
    return start && end ? `${start}–${end}` : start || (end ? `–${end}` : '');
  }

  protected price(event: EventCard): string | null {
    return event.priceCents ? formatEuroCents(event.priceCents, this.language.locale()) : null;
  }

  protected apply(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: changes,
      queryParamsHandling: 'merge',
    });
  }

  protected viewParams(view: 'calendar' | 'list'): Params {
    return { vista: view === 'list' ? 'lista' : null };
  }

  protected retry(): void {
    this.events.reload();
  }
}
