import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { LocalizedPipe } from '../../i18n/localized';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { ContactList } from '../contact-list/contact-list';

/** Bootstrap Italia footer: brand, contacts of the Ufficio di Piano, the Comuni, section links. */
@Component({
  selector: 'pz-footer',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, ContactList],
  templateUrl: './footer.html',
  styleUrl: './footer.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Footer {
  protected readonly settings = inject(AmbitoSettings);

  protected readonly hasContacts = computed(() => {
    const { email, phone, address, website } = this.settings.contacts();
    return Boolean(email || phone || address || website);
  });
}
