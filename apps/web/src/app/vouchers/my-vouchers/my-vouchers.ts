import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';

/**
 * "I miei buoni". Until citizens can sign in this page explains vouchers and where to get help;
 * it shows no wallet, not even an empty one, because there is nothing true to show yet.
 */
@Component({
  selector: 'pz-my-vouchers',
  imports: [RouterLink, TranslatePipe, Icon],
  templateUrl: './my-vouchers.html',
  styleUrl: './my-vouchers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyVouchers {
  protected readonly settings = inject(AmbitoSettings);
  protected readonly phoneHref = computed(
    () => 'tel:' + this.settings.contacts().phone.replace(/[^\d+]/g, ''),
  );
}
