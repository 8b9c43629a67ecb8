import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { type RoleArea } from '../../session/role-areas';
import { Icon } from '../icon/icon';

/** Big links to an operator's work areas (profile, operators' page). */
@Component({
  selector: 'pz-role-area-links',
  imports: [RouterLink, TranslatePipe, Icon],
  templateUrl: './role-area-links.html',
  styleUrl: './role-area-links.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleAreaLinks {
  readonly areas = input.required<readonly RoleArea[]>();
}
