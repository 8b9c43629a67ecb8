import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { PiazzaApi } from '../../api/piazza-api';
import { LocalizedPipe } from '../../i18n/localized';
import { ContactList } from '../../layout/contact-list/contact-list';
import { Icon } from '../../layout/icon/icon';
import { ResendVerification } from '../resend-verification/resend-verification';

/**
 * Where the link in the confirmation e-mail lands (`/accesso/verifica?token=…`): confirms the
 * address once per token, on arrival, and says how it went; a link that no longer works can be
 * sent again.
 */
@Component({
  selector: 'pz-verify-email',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, Icon, ContactList, ResendVerification],
  templateUrl: './verify-email.html',
  styleUrl: './verify-email.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmail {
  private readonly api = inject(PiazzaApi);

  private readonly token = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('token') || undefined)),
  );

  /** Idle without a token: a link cut short in the e-mail program is a failure, with no request. */
  private readonly verification = rxResource({
    params: () => this.token(),
    stream: ({ params: token }) => this.api.verifyEmail(token),
  });

  protected readonly outcome = computed<'verifying' | 'verified' | 'failed'>(() => {
    if (!this.token()) return 'failed';
    if (this.verification.isLoading()) return 'verifying';
    return this.verification.status() === 'error' ? 'failed' : 'verified';
  });

  /** The server's reason (link expired, already used), when it gave one. */
  protected readonly failureMessage = computed(() => {
    const error = this.verification.error();
    return error instanceof ApiError ? error.userMessage : null;
  });
}
