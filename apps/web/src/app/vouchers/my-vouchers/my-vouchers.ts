import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { ContactList } from '../../layout/contact-list/contact-list';
import { Icon } from '../../layout/icon/icon';

/**
 * "I miei buoni". Until citizens can sign in this page explains vouchers and where to get help;
 * it shows no wallet, not even an empty one, because there is nothing true to show yet.
 */
@Component({
  selector: 'pz-my-vouchers',
  imports: [RouterLink, TranslatePipe, Icon, ContactList],
  templateUrl: './my-vouchers.html',
  styleUrl: './my-vouchers.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyVouchers {}
