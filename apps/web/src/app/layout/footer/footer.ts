import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { LocalizedPipe } from '../../i18n/localized';
import { AmbitoSettings } from '../../settings/ambito-settings';
import { Icon } from '../icon/icon';

/** Bootstrap Italia footer: brand, contacts of the Ufficio di Piano, the Comuni, section links. */
@Component({
  selector: 'pz-footer',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, Icon],
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

  /** `tel:` wants digits only; the visible number keeps the Ambito's own spacing. */
  protected readonly phoneHref = computed(
    () => 'tel:' + this.settings.contacts().phone.replace(/[^\d+]/g, ''),
  );
}
