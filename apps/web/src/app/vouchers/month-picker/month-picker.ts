import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { addMonths, currentMonth, MonthNamePipe } from '../month';

/** How many months back the picker offers. */
const MONTHS_BACK = 24;

/** "Mese": the current month and the two years before it, newest first, as a labelled select. */
@Component({
  selector: 'pz-month-picker',
  imports: [TranslatePipe, MonthNamePipe],
  template: `
    <div class="pz-form month-picker">
      <div class="pz-field">
        <label for="month-picker">{{ 'vouchers.month' | translate }}</label>
        <select id="month-picker" class="form-select" data-testid="month-picker" (change)="choose($event)">
          @for (option of months(); track option) {
            <option [value]="option" [selected]="option === month()">{{ option | monthName }}</option>
          }
        </select>
      </div>
    </div>
  `,
  styles: `
    .month-picker {
      max-width: 18rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthPicker {
  /** `YYYY-MM`. */
  readonly month = input.required<string>();
  readonly monthChange = output<string>();

  protected readonly months = computed(() => {
    const now = currentMonth();
    const list = Array.from({ length: MONTHS_BACK + 1 }, (_, i) => addMonths(now, -i));
    return list.includes(this.month()) ? list : [this.month(), ...list];
  });

  protected choose(event: Event): void {
    this.monthChange.emit((event.target as HTMLSelectElement).value);
  }
}
