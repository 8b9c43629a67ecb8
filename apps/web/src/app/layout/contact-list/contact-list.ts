import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { AmbitoSettings } from '../../settings/ambito-settings';
import { Icon } from '../icon/icon';

export type ContactField = 'address' | 'phone' | 'email' | 'website';

/** The Ambito's contacts as a list, each with an icon and a spoken label; empty fields are left out. */
@Component({
  selector: 'pz-contact-list',
  imports: [TranslatePipe, Icon],
  templateUrl: './contact-list.html',
  styleUrl: './contact-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactList {
  protected readonly settings = inject(AmbitoSettings);
  readonly fields = input<readonly ContactField[]>(['address', 'phone', 'email', 'website']);

  protected readonly shown = computed(() => {
    const contacts = this.settings.contacts();
    return new Set(this.fields().filter((field) => Boolean(contacts[field])));
  });
}
