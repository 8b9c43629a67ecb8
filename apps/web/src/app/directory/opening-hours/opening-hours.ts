import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type OpeningHours as OpeningHoursDto } from '../../api/directory-models';

interface Day {
  day: number;
  hours: string[];
}

/** A week of opening hours as a table: every day, Monday first, its intervals or "Chiuso". */
@Component({
  selector: 'pz-opening-hours',
  imports: [TranslatePipe],
  template: `
    <table class="table table-sm opening-hours">
      <caption class="visually-hidden">
        {{
          caption()
        }}
      </caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{{ 'directory.hours.day' | translate }}</th>
          <th scope="col">{{ 'directory.hours.hours' | translate }}</th>
        </tr>
      </thead>
      <tbody>
        @for (day of days(); track day.day) {
          <tr [class.closed]="!day.hours.length">
            <th scope="row">{{ 'directory.days.' + day.day | translate }}</th>
            <td>
              @for (interval of day.hours; track $index; let last = $last) {
                <span class="interval">{{ interval }}</span>{{ last ? '' : ', ' }}
              } @empty {
                {{ 'directory.hours.closed' | translate }}
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    .opening-hours {
      max-width: 28rem;
      margin-bottom: 0;
    }
    th {
      width: 8.5rem;
      font-weight: 600;
    }
    .interval {
      white-space: nowrap;
    }
    .closed td {
      color: #5c6f82;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpeningHours {
  readonly hours = input.required<OpeningHoursDto[]>();
  /** Names the table for screen readers ("Orari di apertura"). */
  readonly caption = input.required<string>();

  protected readonly days = computed<Day[]>(() =>
    [1, 2, 3, 4, 5, 6, 7].map((day) => ({
      day,
      hours: this.hours()
        .filter((h) => h.day === day)
        .sort((a, b) => a.opens.localeCompare(b.opens))
        .map((h) => `${h.opens}–${h.closes}`),
    })),
  );
}
