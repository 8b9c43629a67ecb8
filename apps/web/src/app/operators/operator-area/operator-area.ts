import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';
import { RoleAreaLinks } from '../../layout/role-area-links/role-area-links';
import { roleAreasFor } from '../../session/role-areas';
import { Session } from '../../session/session';
import { AmbitoSettings } from '../../settings/ambito-settings';

interface OperatorRole {
  icon: string;
  title: string;
  text: string;
}

/**
 * The door to the operators' back-offices: organisations sign up or sign in from here, operators
 * signed in find their work areas, and everyone can read what each role does.
 */
@Component({
  selector: 'pz-operator-area',
  imports: [RouterLink, TranslatePipe, Icon, RoleAreaLinks],
  templateUrl: './operator-area.html',
  styleUrl: './operator-area.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperatorArea {
  protected readonly settings = inject(AmbitoSettings);
  protected readonly session = inject(Session);
  protected readonly areas = computed(() => roleAreasFor(this.session.me()?.roles));

  protected readonly roles: OperatorRole[] = [
    { icon: 'it-pa', title: 'operators.providersTitle', text: 'operators.providersText' },
    { icon: 'it-cart', title: 'operators.merchantsTitle', text: 'operators.merchantsText' },
    { icon: 'it-user', title: 'operators.socialWorkersTitle', text: 'operators.socialWorkersText' },
    { icon: 'it-chart-line', title: 'operators.planOfficeTitle', text: 'operators.planOfficeText' },
  ];
}
