import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';
import { AmbitoSettings } from '../../settings/ambito-settings';

interface OperatorRole {
  icon: string;
  title: string;
  text: string;
}

/** The door to the operators' back-offices: where to sign in, and what each role will be able to do. */
@Component({
  selector: 'pz-operator-area',
  imports: [RouterLink, TranslatePipe, Icon],
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
