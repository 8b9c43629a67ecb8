import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type OpeningHours } from '../../api/back-office-models';

/** Opening hours to read: one line a day, its intervals in order ("Lunedì 09:00–12:30, 15:00–19:00"). */
@Component({
  selector: 'pz-opening-hours-list',
  imports: [TranslatePipe],
  template: `
    @for (day of days(); track day.day) {
      <li>
        <span class="day">{{ 'backOffice.days.' + day.day | translate }}</span>
        {{ day.intervals }}
      </li>
    } @empty {
      <li>{{ 'backOffice.hours.byAppointment' | translate }}</li>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .day {
      display: inline-block;
      min-width: 6.5rem;
      font-weight: 600;
    }
  `,
  host: { role: 'list' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningHoursList {
  readonly hours = input.required<readonly OpeningHours[]>();

  protected readonly days = computed(() => {
    const byDay = new Map<number, OpeningHours[]>();
    for (const row of this.hours()) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
    return [...byDay.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, rows]) => ({
        day,
        intervals: rows
          .sort((a, b) => a.opens.localeCompare(b.opens))
          .map((row) => `${row.opens}–${row.closes}`)
          .join(', '),
      }));
  });
}
