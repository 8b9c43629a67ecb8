import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, map, type Observable, of, tap } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { type Voucher, type VoucherDetail, type VoucherMovement } from '../../api/vouchers-models';
import { routeParam } from '../../directory/route-slug';
import { WhenPipe } from '../../directory/when';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { type SessionStatus, Session } from '../../session/session';
import { DateTimePipe } from '../date-time';
import { EuroPipe } from '../euro';
import { VoucherStatusBadge } from '../voucher-status/voucher-status';
import { WalletCache } from '../wallet-cache';

type VoucherView =
  | { kind: 'loading' }
  | { kind: 'online'; voucher: VoucherDetail }
  /** The copy saved in this browser; a voucher never opened online has no movements. */
  | { kind: 'offline'; voucher: VoucherDetail | Voucher; savedAt: string }
  | { kind: 'missing' }
  | { kind: 'signed-out' }
  | { kind: 'error'; error: ApiError };

/**
 * One voucher, as the family shows it at the till: the QR code, large and black on white, the short
 * code to dictate, balance and expiry, where it can be spent, its movements and the PDF. Saved in
 * this browser each time it is opened, and shown from there (with the time saved) when offline.
 */
@Component({
  selector: 'pz-voucher-page',
  imports: [
    RouterLink,
    TranslatePipe,
    Icon,
    LoadError,
    LocalizedPipe,
    LocalDatePipe,
    WhenPipe,
    DateTimePipe,
    EuroPipe,
    VoucherStatusBadge,
  ],
  templateUrl: './voucher-page.html',
  styleUrl: './voucher-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoucherPage {
  protected readonly api = inject(VouchersApi);
  private readonly session = inject(Session);
  private readonly cache = inject(WalletCache);

  private readonly id = routeParam('id');

  private readonly page = rxResource<VoucherView, { id: string; status: SessionStatus }>({
    params: () => ({ id: this.id(), status: this.session.status() }),
    stream: ({ params }) => this.load(params.id, params.status),
  });

  protected readonly view = computed<VoucherView>(() =>
    this.page.hasValue() ? this.page.value() : { kind: 'loading' },
  );

  /** The QR code as a data URL of the SVG text (fresh or saved); null when there is none to show. */
  protected readonly qrSrc = signal<string | null>(null);

  protected readonly movements = computed<VoucherMovement[] | null>(() => {
    const view = this.view();
    if (view.kind !== 'online' && view.kind !== 'offline') return null;
    return 'movements' in view.voucher ? view.voucher.movements : null;
  });

  protected retry(): void {
    this.page.reload();
  }

  /** "ACDE-FHJK-MNPR" as three groups, whatever the server's spacing. */
  protected codeGroups(code: string): string[] {
    const plain = code.replace(/[\s-]/g, '').toUpperCase();
    return plain.match(/.{1,4}/g) ?? [plain];
  }

  private load(id: string, status: SessionStatus): Observable<VoucherView> {
    this.qrSrc.set(null);
    if (status === 'unknown') return of({ kind: 'loading' });
    if (status === 'anonymous' && !this.cache.hasWallet()) return of({ kind: 'signed-out' });
    return this.api.voucher(id).pipe(
      tap((voucher) => {
        this.cache.saveVoucher(voucher);
        if (voucher.status === 'active') this.showQr(voucher.id, true);
      }),
      map((voucher): VoucherView => ({ kind: 'online', voucher })),
      catchError((error: unknown) => of(this.failed(id, ApiError.from(error)))),
    );
  }

  private failed(id: string, error: ApiError): VoucherView {
    const saved = this.cache.voucher(id);
    if (error.status === 0 && saved) {
      if (saved.value.status === 'active') this.showQr(id, false);
      return { kind: 'offline', voucher: saved.value, savedAt: saved.savedAt };
    }
    if (error.status === 401) {
      this.cache.clear();
      if (this.session.signedIn()) this.session.expired();
      return { kind: 'signed-out' };
    }
    if (error.status === 404 || error.status === 403 || error.status === 400) return { kind: 'missing' };
    return { kind: 'error', error };
  }

  /** Online: fetches the SVG and keeps it; offline: the one kept, if any. */
  private showQr(id: string, online: boolean): void {
    const saved = this.cache.qrSvg(id);
    if (saved) this.qrSrc.set(svgDataUrl(saved));
    if (!online) return;
    this.api.voucherQrSvg(id).subscribe({
      next: (svg) => {
        this.cache.saveQrSvg(id, svg);
        this.qrSrc.set(svgDataUrl(svg));
      },
      // The image can still come straight from the API.
      error: () => this.qrSrc.update((current) => current ?? this.api.voucherQrUrl(id)),
    });
  }
}

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
