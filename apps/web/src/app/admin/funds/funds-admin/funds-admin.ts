import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { form, FormField, FormRoot, maxLength, minLength, required, validate } from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../../api/api-error';
import { VouchersApi } from '../../../api/vouchers-api';
import { type Fund } from '../../../api/vouchers-models';
import { FieldError } from '../../../forms/field-error/field-error';
import { FieldStatus } from '../../../forms/field-status';
import { FormAlert } from '../../../forms/form-alert/form-alert';
import { submitToServer } from '../../../forms/server-errors';
import { LoadError } from '../../../layout/load-error/load-error';
import { AmbitoSettings } from '../../../settings/ambito-settings';
import { EuroPipe } from '../../../vouchers/euro';
import { parseEuro } from '../../../vouchers/euro-input';
import { FormButtons } from '../../../vouchers/form-buttons/form-buttons';
import { RowForm } from '../../../vouchers/row-form';
import { type AmountReference, AmountReferenceForm } from '../amount-reference-form/amount-reference-form';
import { FundsNav } from '../funds-nav/funds-nav';

/** The API's ceiling for one top-up: 10 million euro. */
const MAX_TOP_UP_CENTS = 1_000_000_000;

/** What the page last did, said in its live region. */
interface Announcement {
  key: string;
  name: string;
  amount: number;
}

/**
 * "Fondi": every fund of every Comune with what was put in (budget), what is left (available),
 * assigned to households, spent and returned; a new fund; top-ups with a reference (the act that
 * decided them), sent with an Idempotency-Key; closing a fund to new assignments.
 */
@Component({
  selector: 'pz-funds-admin',
  imports: [
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    FormButtons,
    LoadError,
    EuroPipe,
    FundsNav,
    AmountReferenceForm,
  ],
  templateUrl: './funds-admin.html',
  styleUrls: ['../../../vouchers/form-layout.css', '../../../vouchers/amount-table.css', './funds-admin.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FundsAdmin {
  private readonly api = inject(VouchersApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly settings = inject(AmbitoSettings);

  protected readonly funds = rxResource({ stream: () => this.api.funds() });
  protected readonly loadError = computed(() => {
    const error = this.funds.error();
    return error ? ApiError.from(error) : null;
  });

  /** Funds by Comune, in the order the server sends them (Comune, then name). */
  protected readonly groups = computed(() => {
    const groups: { comune: string; funds: Fund[] }[] = [];
    for (const fund of this.funds.value() ?? []) {
      const last = groups.at(-1);
      if (last?.comune === fund.comune.name) last.funds.push(fund);
      else groups.push({ comune: fund.comune.name, funds: [fund] });
    }
    return groups;
  });

  protected readonly announcement = signal<Announcement | null>(null);
  protected readonly busyFund = signal<string | null>(null);
  protected readonly statusFailure = signal<ApiError | null>(null);

  // --- New fund -----------------------------------------------------------------------------------

  protected readonly creating = signal(false);
  private readonly createModel = signal({ comuneId: '', name: '', description: '' });
  protected readonly createForm = form(this.createModel, (path) => {
    required(path.comuneId, { message: 'vouchers.funds.comuneRequired' });
    required(path.name, { message: 'vouchers.funds.nameRequired' });
    minLength(path.name, 3, { message: 'vouchers.funds.nameRequired' });
    maxLength(path.name, 120, { message: 'vouchers.funds.nameTooLong' });
    maxLength(path.description, 2000, { message: 'vouchers.funds.descriptionTooLong' });
  });
  protected readonly createFailure = signal<ApiError | null>(null);

  // --- Top-up -------------------------------------------------------------------------------------

  protected readonly topUp = new RowForm<Fund, AmountReference>({
    empty: { amount: '', reference: '' },
    schema: (path) => {
      required(path.amount, { message: 'vouchers.funds.amountRequired' });
      validate(path.amount, ({ value }) => {
        if (!value().trim()) return undefined;
        const cents = parseEuro(value());
        return cents === null || cents <= 0 || cents > MAX_TOP_UP_CENTS
          ? { kind: 'amount', message: 'vouchers.funds.amountInvalid' }
          : undefined;
      });
      required(path.reference, { message: 'vouchers.funds.referenceRequired' });
      maxLength(path.reference, 200, { message: 'vouchers.funds.referenceTooLong' });
    },
    formId: 'top-up-form',
    firstFieldId: 'top-up-amount',
    rowButtonId: (fund) => `top-up-${fund.id}`,
  });

  protected retry(): void {
    this.funds.reload();
  }

  protected openCreate(): void {
    this.creating.set(true);
    this.createFailure.set(null);
    this.createForm().reset({ comuneId: '', name: '', description: '' });
    afterNextRender(() => this.document.getElementById('fund-comune')?.focus(), { injector: this.injector });
  }

  protected closeCreate(): void {
    this.creating.set(false);
    afterNextRender(() => this.document.getElementById('fund-create-open')?.focus(), {
      injector: this.injector,
    });
  }

  protected async create(): Promise<void> {
    const options = {
      failure: this.createFailure,
      element: () => this.document.getElementById('fund-create-form'),
      injector: this.injector,
    };
    await submitToServer(this.createForm, options, async (value) => {
      const fund = await firstValueFrom(
        this.api.createFund({
          comuneId: value.comuneId,
          name: value.name.trim(),
          ...(value.description.trim() ? { description: value.description.trim() } : {}),
        }),
      );
      this.creating.set(false);
      this.announcement.set({ key: 'vouchers.funds.created', name: fund.name, amount: 0 });
      this.funds.reload();
    });
  }

  protected openTopUp(fund: Fund): void {
    this.topUp.open(fund, { amount: '', reference: '' });
  }

  protected async saveTopUp(): Promise<void> {
    await this.topUp.submit(async (fund, value) => {
      const amount = parseEuro(value.amount);
      if (amount === null) return;
      const input = { amount, reference: value.reference.trim() };
      const key = this.topUp.attempt.keyFor([fund.id, input]);
      const updated = await firstValueFrom(this.api.topUpFund(fund.id, input, key));
      this.announcement.set({ key: 'vouchers.funds.toppedUp', name: updated.name, amount });
      this.funds.reload();
    });
  }

  protected async toggleStatus(fund: Fund): Promise<void> {
    if (this.busyFund()) return;
    this.busyFund.set(fund.id);
    this.statusFailure.set(null);
    try {
      const status = fund.status === 'open' ? 'closed' : 'open';
      const updated = await firstValueFrom(this.api.setFundStatus(fund.id, status));
      this.announcement.set({
        key: status === 'closed' ? 'vouchers.funds.closedDone' : 'vouchers.funds.reopenedDone',
        name: updated.name,
        amount: 0,
      });
      this.funds.reload();
    } catch (error) {
      this.statusFailure.set(ApiError.from(error));
    } finally {
      this.busyFund.set(null);
    }
  }
}
