import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type Organisation } from '../../api/models';
import { LocalDatePipe } from '../../i18n/local-date';

/** An organisation's registered data, as label and value pairs: for its members and for the office. */
@Component({
  selector: 'pz-organisation-details',
  imports: [TranslatePipe, LocalDatePipe],
  templateUrl: './organisation-details.html',
  styleUrl: './organisation-details.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationDetails {
  readonly organisation = input.required<Organisation>();

  /** The address, with the Comune unless it is already written in it (as people often do). */
  protected readonly office = computed(() => {
    const { address, comune } = this.organisation();
    return address.toLowerCase().includes(comune.name.toLowerCase())
      ? address
      : `${address} – ${comune.name}`;
  });
}
