import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

import { PiazzaApi } from '../../api/piazza-api';
import { EmailLinkRequest } from '../../forms/email-link-request/email-link-request';
import { Icon } from '../../layout/icon/icon';

/**
 * "Password dimenticata?": asks for a reset link. The confirmation is the same whether or not the
 * address has an account, so the page cannot be used to find out who is registered; only a refused
 * request (malformed address, too many attempts) or no connection is reported as an error.
 */
@Component({
  selector: 'pz-password-reset',
  imports: [RouterLink, TranslatePipe, EmailLinkRequest, Icon],
  templateUrl: './password-reset.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordReset {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly confirmationHeading = viewChild<ElementRef<HTMLElement>>('confirmationHeading');

  protected readonly requested = signal(false);

  protected readonly requestReset = (email: string) => this.api.requestPasswordReset(email);

  protected showConfirmation(): void {
    this.requested.set(true);
    afterNextRender(() => this.confirmationHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
