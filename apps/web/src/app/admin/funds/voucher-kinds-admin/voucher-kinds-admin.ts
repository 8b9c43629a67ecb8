import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { BackOfficeApi } from '../../../api/back-office-api';
import { PiazzaApi } from '../../../api/piazza-api';
import { VouchersApi } from '../../../api/vouchers-api';
import { type VoucherKind } from '../../../api/vouchers-models';
import { CalendarDatePipe } from '../../../i18n/calendar-date';
import { LocalizedPipe } from '../../../i18n/localized';
import { LoadError } from '../../../layout/load-error/load-error';
import { FundsNav } from '../funds-nav/funds-nav';
import { VoucherKindForm } from '../voucher-kind-form/voucher-kind-form';

/** "Tipi di buono e campagne": every kind with its Comune, campaign period and state; add or change one. */
@Component({
  selector: 'pz-voucher-kinds-admin',
  imports: [TranslatePipe, LoadError, LocalizedPipe, CalendarDatePipe, FundsNav, VoucherKindForm],
  templateUrl: './voucher-kinds-admin.html',
  styleUrl: '../../../vouchers/amount-table.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoucherKindsAdmin {
  private readonly api = inject(VouchersApi);
  private readonly backOffice = inject(BackOfficeApi);
  private readonly piazza = inject(PiazzaApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly editor = viewChild(VoucherKindForm);

  protected readonly kinds = rxResource({ stream: () => this.api.voucherKinds() });
  protected readonly categories = rxResource({
    stream: () => this.backOffice.adminTaxonomy().pipe(map((taxonomy) => taxonomy.categories)),
  });
  protected readonly shops = rxResource({
    stream: () =>
      this.piazza
        .accreditationQueue('accredited')
        .pipe(map((organisations) => organisations.filter((organisation) => organisation.kind === 'shop'))),
  });

  protected readonly loadError = computed(() => {
    const error = this.kinds.error() ?? this.categories.error() ?? this.shops.error();
    return error ? ApiError.from(error) : null;
  });

  /** The kind being edited: null for a new one, undefined when the form is closed. */
  protected readonly editing = signal<VoucherKind | null | undefined>(undefined);
  protected readonly announcement = signal<{ key: string; name: string } | null>(null);

  protected retry(): void {
    if (this.kinds.error()) this.kinds.reload();
    if (this.categories.error()) this.categories.reload();
    if (this.shops.error()) this.shops.reload();
  }

  protected edit(kind: VoucherKind | null): void {
    this.announcement.set(null);
    this.editing.set(kind);
    afterNextRender(() => this.editor()?.focusHeading(), { injector: this.injector });
  }

  protected saved(kind: VoucherKind): void {
    const wasNew = this.editing() === null;
    this.editing.set(undefined);
    this.announcement.set({
      key: wasNew ? 'vouchers.kinds.created' : 'vouchers.kinds.saved',
      name: kind.name.it,
    });
    this.kinds.reload();
    this.focus(`kind-edit-${kind.id}`);
  }

  protected cancelled(): void {
    const kind = this.editing();
    this.editing.set(undefined);
    this.focus(kind ? `kind-edit-${kind.id}` : 'kind-new');
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), { injector: this.injector });
  }
}
