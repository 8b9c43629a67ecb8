import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  applyEach,
  form,
  FormField,
  FormRoot,
  max,
  maxLength,
  min,
  required,
  validate,
} from '@angular/forms/signals';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { type ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { type Fund, type VoucherAssignment, type VoucherKind } from '../../api/vouchers-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitToServer } from '../../forms/server-errors';
import { LocalizedPipe } from '../../i18n/localized';
import { ambitoToday } from '../../provider/ambito-time';
import { EuroPipe } from '../euro';
import { centsToInput, parseEuro } from '../euro-input';
import { IdempotentAttempt } from '../idempotency-key';

/** A row of the split: so many vouchers of this value ("2 × 50"). */
interface PieceModel {
  count: number | null;
  value: string;
}

interface AssignModel {
  fundId: string;
  kindId: string;
  total: string;
  pieces: PieceModel[];
  /** `YYYY-MM-DD`: the last day the vouchers can be spent. */
  validUntil: string;
  note: string;
}

/** The API's limits: 20 vouchers per assignment, 10.000 € per voucher. */
const MAX_VOUCHERS = 20;
const MAX_VOUCHER_CENTS = 1_000_000;
/** Splits offered as one-click shortcuts when the total divides evenly. */
const QUICK_SPLITS = [1, 2, 4, 5, 10];

function emptyModel(): AssignModel {
  return { fundId: '', kindId: '', total: '', pieces: [{ count: 1, value: '' }], validUntil: '', note: '' };
}

/** The amounts of every voucher, in cents, or null while a row is not a valid amount. */
function amountsOf(pieces: readonly PieceModel[]): number[] | null {
  const amounts: number[] = [];
  for (const piece of pieces) {
    const value = parseEuro(piece.value);
    if (value === null || value <= 0 || !piece.count || piece.count < 1 || !Number.isInteger(piece.count)) {
      return null;
    }
    if (amounts.length + piece.count > MAX_VOUCHERS) return null;
    for (let i = 0; i < piece.count; i++) amounts.push(value);
  }
  return amounts;
}

/**
 * "Assegna buoni": from a fund of the worker's Comuni, a kind, a total split into vouchers of
 * chosen values (100 € as 2 × 50 or 4 × 25, the sum checked as it is typed), the last day of
 * validity and a note. Sent with an Idempotency-Key, kept for a retry after a lost answer.
 */
@Component({
  selector: 'pz-assign-vouchers',
  imports: [TranslatePipe, FormRoot, FormField, FieldStatus, FieldError, FormAlert, LocalizedPipe, EuroPipe],
  templateUrl: './assign-vouchers.html',
  styleUrls: ['../form-layout.css', './assign-vouchers.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignVouchers {
  private readonly api = inject(VouchersApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly formElement = viewChild.required<ElementRef<HTMLFormElement>>('formElement');

  readonly householdId = input.required<string>();
  readonly funds = input.required<Fund[]>();
  readonly kinds = input.required<VoucherKind[]>();
  readonly assigned = output<VoucherAssignment>();

  protected readonly today = ambitoToday();
  protected readonly openFunds = computed(() => this.funds().filter((fund) => fund.status === 'open'));

  private readonly model = signal<AssignModel>(emptyModel());
  protected readonly form = form(this.model, (path) => {
    required(path.fundId, { message: 'vouchers.assign.fundRequired' });
    required(path.kindId, { message: 'vouchers.assign.kindRequired' });
    required(path.total, { message: 'vouchers.assign.totalRequired' });
    validate(path.total, ({ value, valueOf }) => {
      if (!value().trim()) return undefined;
      const total = parseEuro(value());
      if (total === null || total <= 0) return { kind: 'amount', message: 'vouchers.assign.amountInvalid' };
      const fund = this.funds().find((candidate) => candidate.id === valueOf(path.fundId));
      if (fund && total > fund.available) return { kind: 'overFund', message: 'vouchers.assign.overFund' };
      return undefined;
    });
    applyEach(path.pieces, (piece) => {
      required(piece.count, { message: 'vouchers.assign.countInvalid' });
      min(piece.count, 1, { message: 'vouchers.assign.countInvalid' });
      max(piece.count, MAX_VOUCHERS, { message: 'vouchers.assign.countInvalid' });
      required(piece.value, { message: 'vouchers.assign.valueRequired' });
      validate(piece.value, ({ value }) => {
        if (!value().trim()) return undefined;
        const cents = parseEuro(value());
        return cents === null || cents <= 0 || cents > MAX_VOUCHER_CENTS
          ? { kind: 'amount', message: 'vouchers.assign.valueInvalid' }
          : undefined;
      });
    });
    validate(path.pieces, ({ value, valueOf }) => {
      const count = value().reduce((sum, piece) => sum + (piece.count ?? 0), 0);
      if (count > MAX_VOUCHERS) return { kind: 'tooMany', message: 'vouchers.assign.tooMany' };
      const amounts = amountsOf(value());
      const total = parseEuro(valueOf(path.total));
      if (!amounts || total === null) return undefined;
      const sum = amounts.reduce((a, b) => a + b, 0);
      return sum !== total ? { kind: 'sum', message: 'vouchers.assign.sumMismatch' } : undefined;
    });
    required(path.validUntil, { message: 'vouchers.assign.validUntilRequired' });
    validate(path.validUntil, ({ value }) =>
      value() && value() < this.today
        ? { kind: 'past', message: 'vouchers.assign.validUntilPast' }
        : undefined,
    );
    maxLength(path.note, 1000, { message: 'vouchers.assign.noteTooLong' });
  });

  /** The sum of the split as typed, and how it stands against the total, said live. */
  protected readonly split = computed(() => {
    const value = this.model();
    const amounts = amountsOf(value.pieces);
    const total = parseEuro(value.total);
    const sum = amounts?.reduce((a, b) => a + b, 0) ?? null;
    return { amounts, total, sum, count: amounts?.length ?? 0, matches: sum !== null && sum === total };
  });

  /** One-click splits of the total into equal vouchers. */
  protected readonly quickSplits = computed(() => {
    const total = parseEuro(this.model().total);
    if (total === null || total <= 0) return [];
    return QUICK_SPLITS.filter((n) => total % n === 0 && total / n <= MAX_VOUCHER_CENTS).map((n) => ({
      count: n,
      value: total / n,
    }));
  });

  protected readonly failure = signal<ApiError | null>(null);
  private readonly attempt = new IdempotentAttempt();

  protected fundLabel(fund: Fund): string {
    return `${fund.name} – ${fund.comune.name}`;
  }

  protected useSplit(count: number, value: number): void {
    this.form.pieces().value.set([{ count, value: centsToInput(value) }]);
  }

  protected addPiece(): void {
    this.model.update((model) => ({ ...model, pieces: [...model.pieces, { count: 1, value: '' }] }));
    const index = this.model().pieces.length - 1;
    afterNextRender(() => this.document.getElementById(`assign-piece-${index}-count`)?.focus(), {
      injector: this.injector,
    });
  }

  protected removePiece(index: number): void {
    this.model.update((model) => ({ ...model, pieces: model.pieces.filter((_, i) => i !== index) }));
    afterNextRender(() => this.document.getElementById('assign-add-piece')?.focus(), {
      injector: this.injector,
    });
  }

  protected async assign(): Promise<void> {
    const options = {
      failure: this.failure,
      element: () => this.formElement().nativeElement,
      injector: this.injector,
      attempt: this.attempt,
    };
    await submitToServer(this.form, options, async (value) => {
      const amounts = amountsOf(value.pieces);
      if (!amounts) return;
      const request = {
        fundId: value.fundId,
        kindId: value.kindId,
        amounts,
        // A day: the API makes it valid to the end of that day in Italy.
        validUntil: value.validUntil,
        ...(value.note.trim() ? { note: value.note.trim() } : {}),
      };
      const key = this.attempt.keyFor([this.householdId(), request]);
      const assignment = await firstValueFrom(this.api.assignVouchers(this.householdId(), request, key));
      this.assigned.emit(assignment);
      this.form().reset(emptyModel());
    });
  }
}
