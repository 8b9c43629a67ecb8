import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';

interface OperatorRole {
  icon: string;
  title: string;
  text: string;
}

/** The door to the operators' back-offices; describes each role until sign-in exists. */
@Component({
  selector: 'pz-operator-area',
  imports: [TranslatePipe, Icon],
  templateUrl: './operator-area.html',
  styleUrl: './operator-area.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperatorArea {
  protected readonly settings = inject(AmbitoSettings);

  protected readonly roles: OperatorRole[] = [
    { icon: 'it-pa', title: 'operators.providersTitle', text: 'operators.providersText' },
    { icon: 'it-cart', title: 'operators.merchantsTitle', text: 'operators.merchantsText' },
    { icon: 'it-user', title: 'operators.socialWorkersTitle', text: 'operators.socialWorkersText' },
    { icon: 'it-chart-line', title: 'operators.planOfficeTitle', text: 'operators.planOfficeText' },
  ];
}
