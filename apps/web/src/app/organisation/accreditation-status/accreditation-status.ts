import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { type AccreditationStatus as Status } from '../../api/models';
import { Icon } from '../../layout/icon/icon';

const ICONS: Record<Status, string> = {
  pending: 'it-clock',
  accredited: 'it-check-circle',
  rejected: 'it-close-circle',
};

/**
 * Where an organisation stands with the Ambito office, in words (the icon and colour only repeat
 * them), with the office's note when there is one.
 */
@Component({
  selector: 'pz-accreditation-status',
  imports: [TranslatePipe, Icon],
  templateUrl: './accreditation-status.html',
  styleUrl: './accreditation-status.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccreditationStatus {
  readonly status = input.required<Status>();
  readonly note = input<string | null>(null);

  protected readonly icon = computed(() => ICONS[this.status()]);
}
