import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, map, type Observable, of, tap } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { type Voucher } from '../../api/vouchers-models';
import { WhenPipe } from '../../directory/when';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { ContactList } from '../../layout/contact-list/contact-list';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type SessionStatus, Session } from '../../session/session';
import { EuroPipe } from '../euro';
import { VoucherStatusBadge } from '../voucher-status/voucher-status';
import { WalletCache } from '../wallet-cache';

/** What the page can show: the wallet (fresh or as last saved), or the explanation for visitors. */
type WalletView =
  | { kind: 'loading' }
  | { kind: 'online'; vouchers: Voucher[] }
  | { kind: 'offline'; vouchers: Voucher[]; savedAt: string }
  /** Not signed in, or signed in without a household (an operator): vouchers explained. */
  | { kind: 'explain' }
  | { kind: 'error'; error: ApiError };

const STATUS_ORDER = { active: 0, exhausted: 1, expired: 2, revoked: 3 } as const;

/**
 * "I miei buoni": the household's vouchers with balance, Comune, kind, expiry and status. The last
 * list received is kept in this browser (WalletCache) and shown, with the time it was saved, when
 * the API cannot be reached. Visitors read how vouchers work and how to sign in.
 */
@Component({
  selector: 'pz-my-vouchers',
  imports: [
    RouterLink,
    TranslatePipe,
    Icon,
    ContactList,
    LoadError,
    LocalizedPipe,
    LocalDatePipe,
    WhenPipe,
    EuroPipe,
    VoucherStatusBadge,
  ],
  templateUrl: './my-vouchers.html',
  styleUrls: ['../card-facts.css', './my-vouchers.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyVouchers {
  protected readonly session = inject(Session);
  private readonly api = inject(VouchersApi);
  private readonly cache = inject(WalletCache);

  private readonly wallet = rxResource<WalletView, SessionStatus>({
    params: () => this.session.status(),
    stream: ({ params: status }) => this.load(status),
  });

  protected readonly view = computed<WalletView>(() =>
    this.wallet.hasValue() ? this.wallet.value() : { kind: 'loading' },
  );

  /** Active vouchers first, then by expiry. */
  protected readonly vouchers = computed(() => {
    const view = this.view();
    if (view.kind !== 'online' && view.kind !== 'offline') return [];
    return [...view.vouchers].sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.validUntil.localeCompare(b.validUntil),
    );
  });

  protected retry(): void {
    this.wallet.reload();
  }

  private load(status: SessionStatus): Observable<WalletView> {
    if (status === 'unknown') return of({ kind: 'loading' });
    // Without a session, only a browser that kept a wallet asks: the API may just be out of reach.
    if (status === 'anonymous' && !this.cache.hasWallet()) return of({ kind: 'explain' });
    return this.api.wallet().pipe(
      tap((vouchers) => {
        this.cache.saveWallet(vouchers);
        this.keepQrCodes(vouchers);
        // The voucher page's code too, so that it opens when the connection drops at the till.
        if (vouchers.length) void import('../voucher-page/voucher-page').catch(() => undefined);
      }),
      map((vouchers): WalletView => ({ kind: 'online', vouchers })),
      catchError((error: unknown) => of(this.failed(ApiError.from(error)))),
    );
  }

  private failed(error: ApiError): WalletView {
    const saved = this.cache.wallet();
    if (error.status === 0 && saved)
      return { kind: 'offline', vouchers: saved.value, savedAt: saved.savedAt };
    if (error.status === 401) {
      this.cache.clear();
      if (this.session.signedIn()) this.session.expired();
      return { kind: 'explain' };
    }
    // An operator has no household, hence no wallet.
    if (error.status === 403 || error.status === 404) return { kind: 'explain' };
    return { kind: 'error', error };
  }

  /** Saves the QR code of every usable voucher, so its page works without a connection too. */
  private keepQrCodes(vouchers: Voucher[]): void {
    for (const voucher of vouchers) {
      if (voucher.status !== 'active' || this.cache.qrSvg(voucher.id)) continue;
      this.api.voucherQrSvg(voucher.id).subscribe({
        next: (svg) => this.cache.saveQrSvg(voucher.id, svg),
        error: () => undefined, // The page fetches it again when opened.
      });
    }
  }
}
