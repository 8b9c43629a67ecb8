import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type Member } from '../../api/models';
import { CalendarDatePipe } from '../../i18n/calendar-date';

/**
 * A household's members: a table from tablets up, one card per member on phones, where four
 * columns would need sideways scrolling. The page gives the heading; `labelledBy` names it.
 */
@Component({
  selector: 'pz-household-members',
  imports: [TranslatePipe, CalendarDatePipe],
  templateUrl: './household-members.html',
  styleUrl: './household-members.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HouseholdMembers {
  readonly members = input.required<readonly Member[]>();
  readonly labelledBy = input.required<string>();
}
