import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

import { Icon } from '../../layout/icon/icon';

/**
 * "Mostra" beside a password field. The label stays the same and `aria-pressed` says whether the
 * password is showing, as a toggle button should. It sets the input's `type` directly: nothing
 * else binds it.
 */
@Component({
  selector: 'pz-password-toggle',
  imports: [TranslatePipe, Icon],
  templateUrl: './password-toggle.html',
  styleUrl: './password-toggle.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordToggle {
  readonly target = input.required<HTMLInputElement>();

  protected readonly visible = signal(false);

  protected toggle(): void {
    const visible = !this.visible();
    this.visible.set(visible);
    this.target().type = visible ? 'text' : 'password';
  }
}
