import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormField, FormRoot, maxLength, minLength, required } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { type Voucher, type VoucherAssignment } from '../../api/vouchers-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { provideVoucherTexts } from '../../i18n/voucher-texts';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { LoadError } from '../../layout/load-error/load-error';
import { AssignVouchers } from '../assign-vouchers/assign-vouchers';
import { DateTimePipe } from '../date-time';
import { EuroPipe } from '../euro';
import { FormButtons } from '../form-buttons/form-buttons';
import { RowForm } from '../row-form';
import { VoucherStatusBadge } from '../voucher-status/voucher-status';

/** Pending assignments are issued by the worker in seconds: the list looks again this often, a few times. */
const PENDING_POLL_MS = 3000;
const PENDING_POLLS = 10;

/** What the section last did, said in its live region: a translation key with an amount and a count. */
interface Announcement {
  key: string;
  amount: number;
  count: number;
}

/**
 * The "Buoni" section of a household, for its social worker: the household's vouchers and the
 * assignments still being issued, the form to assign new ones, the PDF of the vouchers to post or
 * hand over (for a household without e-mail), and revocation with a reason.
 */
@Component({
  selector: 'pz-household-vouchers',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    FormButtons,
    Icon,
    LoadError,
    LocalizedPipe,
    LocalDatePipe,
    DateTimePipe,
    EuroPipe,
    VoucherStatusBadge,
    AssignVouchers,
  ],
  templateUrl: './household-vouchers.html',
  styleUrls: ['../amount-table.css', './household-vouchers.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Placed in the social worker's household page, outside the voucher routes.
  providers: [provideVoucherTexts()],
})
export class HouseholdVouchers {
  protected readonly api = inject(VouchersApi);
  private readonly injector = inject(Injector);
  private readonly sectionHeading = viewChild<ElementRef<HTMLElement>>('sectionHeading');

  readonly householdId = input.required<string>();

  protected readonly data = rxResource({
    params: () => this.householdId(),
    stream: ({ params: id }) => this.api.householdVouchers(id),
  });
  protected readonly funds = rxResource({ stream: () => this.api.socialFunds() });
  protected readonly kinds = rxResource({ stream: () => this.api.socialVoucherKinds() });

  protected readonly loadError = computed(() => {
    const error = this.data.error() ?? this.funds.error() ?? this.kinds.error();
    return error ? ApiError.from(error) : null;
  });

  protected readonly vouchers = computed(() => this.data.value()?.vouchers ?? []);
  protected readonly pending = computed(() => this.data.value()?.assignments ?? []);
  protected readonly hasActive = computed(() =>
    this.vouchers().some((voucher) => voucher.status === 'active'),
  );

  protected readonly announcement = signal<Announcement | null>(null);

  /** The voucher whose revocation is being asked, with its reason. */
  protected readonly revocation = new RowForm<Voucher, { reason: string }>({
    empty: { reason: '' },
    schema: (path) => {
      required(path.reason, { message: 'vouchers.household.reasonRequired' });
      minLength(path.reason, 3, { message: 'vouchers.household.reasonRequired' });
      maxLength(path.reason, 500, { message: 'vouchers.household.reasonTooLong' });
    },
    formId: 'revoke-form',
    firstFieldId: 'revoke-reason',
    rowButtonId: (voucher) => `revoke-${voucher.id}`,
  });

  private polls = 0;

  constructor() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (this.pending().length && this.polls < PENDING_POLLS) {
        timer = setTimeout(() => {
          this.polls++;
          this.data.reload();
        }, PENDING_POLL_MS);
      }
    });
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
  }

  protected retry(): void {
    if (this.data.error()) this.data.reload();
    if (this.funds.error()) this.funds.reload();
    if (this.kinds.error()) this.kinds.reload();
  }

  protected kindName(assignment: VoucherAssignment) {
    return this.kinds.value()?.find((kind) => kind.id === assignment.kindId)?.name ?? null;
  }

  protected assigned(assignment: VoucherAssignment): void {
    this.announcement.set({
      key: 'vouchers.household.assigned',
      amount: assignment.total,
      count: assignment.amounts.length,
    });
    this.polls = 0;
    this.data.reload();
    this.funds.reload();
  }

  protected askRevoke(voucher: Voucher): void {
    this.revocation.open(voucher, { reason: '' });
  }

  protected async revoke(): Promise<void> {
    await this.revocation.submit(async (voucher, value) => {
      await firstValueFrom(this.api.revokeVoucher(voucher.id, value.reason.trim()));
      this.announcement.set({ key: 'vouchers.household.revoked', amount: voucher.balance, count: 1 });
      // The form and its row are gone: the section's heading is where the person picks up again.
      afterNextRender(() => this.sectionHeading()?.nativeElement.focus(), { injector: this.injector });
      this.data.reload();
      this.funds.reload();
    });
  }
}
