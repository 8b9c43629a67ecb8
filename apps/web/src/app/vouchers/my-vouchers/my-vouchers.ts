import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ContactList } from '../../layout/contact-list/contact-list';
import { Icon } from '../../layout/icon/icon';
import { Session } from '../../session/session';

/**
 * "I miei buoni". Until the wallet exists this page explains vouchers, where to get help and how to
 * sign in; it shows no wallet, not even an empty one, because there is nothing true to show yet.
 */
@Component({
  selector: 'pz-my-vouchers',
  imports: [RouterLink, TranslatePipe, Icon, ContactList],
  templateUrl: './my-vouchers.html',
  styleUrl: './my-vouchers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyVouchers {
  protected readonly session = inject(Session);
}
