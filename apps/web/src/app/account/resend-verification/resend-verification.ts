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
import { TranslatePipe } from '@ngx-translate/core';

import { PiazzaApi } from '../../api/piazza-api';
import { EmailLinkRequest } from '../../forms/email-link-request/email-link-request';
import { Icon } from '../../layout/icon/icon';

/**
 * "Invia di nuovo il link", under an expired or used confirmation link. As for a password reset,
 * the confirmation is the same whether or not the address has an account waiting to be confirmed.
 */
@Component({
  selector: 'pz-resend-verification',
  imports: [TranslatePipe, EmailLinkRequest, Icon],
  templateUrl: './resend-verification.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResendVerification {
  private readonly api = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');

  protected readonly sent = signal(false);

  protected readonly resendLink = (email: string) => this.api.resendVerification(email);

  protected showConfirmation(): void {
    this.sent.set(true);
    afterNextRender(() => this.confirmation()?.nativeElement.focus(), { injector: this.injector });
  }
}
