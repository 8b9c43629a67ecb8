import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type EventStatus, type ServiceStatus } from '../../api/back-office-models';
import { Icon } from '../../layout/icon/icon';

type Status = ServiceStatus | EventStatus;

const ICONS: Record<Status, string> = {
  draft: 'it-pencil',
  pending_review: 'it-clock',
  published: 'it-check-circle',
  archived: 'it-box',
  cancelled: 'it-close-circle',
};

/** A service's or an event's status in words ("Bozza", "In revisione"…); icon and colour only repeat them. */
@Component({
  selector: 'pz-status-badge',
  imports: [TranslatePipe, Icon],
  template: `
    <span class="badge-status" [class]="'badge-status status-' + status()">
      <svg [pzIcon]="icon()"></svg>
      <span>{{ 'backOffice.status.' + status() | translate }}</span>
    </span>
  `,
  styleUrls: ['../../layout/status-badge.css', './status-badge.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusBadge {
  readonly status = input.required<Status>();

  protected readonly icon = computed(() => ICONS[this.status()]);
}
