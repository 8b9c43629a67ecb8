import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  effect,
  inject,
  Injector,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, required, submit, validate } from '@angular/forms/signals';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../api/api-error';
import { VouchersApi } from '../../api/vouchers-api';
import { type Redemption, type VoucherCheck } from '../../api/vouchers-models';
import { FieldError } from '../../forms/field-error/field-error';
import { FieldStatus } from '../../forms/field-status';
import { focusFirstInvalid } from '../../forms/focus-first-invalid';
import { FormAlert } from '../../forms/form-alert/form-alert';
import { submitFailure } from '../../forms/server-errors';
import { LocalDatePipe } from '../../i18n/local-date';
import { LocalizedPipe } from '../../i18n/localized';
import { Icon } from '../../layout/icon/icon';
import { ConfirmAction } from '../../provider/confirm-action/confirm-action';
import { DateTimePipe } from '../../vouchers/date-time';
import { EuroPipe } from '../../vouchers/euro';
import { parseEuro } from '../../vouchers/euro-input';
import { answerLost, IdempotentAttempt } from '../../vouchers/idempotency-key';
import { MerchantShops } from '../merchant-shops';
import { type CameraProblem, QrScanner } from '../qr-scanner/qr-scanner';
import { ShopPicker } from '../shop-picker/shop-picker';

/** Where the till is: read a voucher, say the amount, confirm; then the receipt. */
type Stage =
  | { name: 'read' }
  | { name: 'amount'; code: string; check: VoucherCheck }
  | { name: 'confirm'; code: string; check: VoucherCheck; amount: number }
  | { name: 'done'; check: VoucherCheck; redemption: Redemption };

/** A typed short code: 12 letters and digits once spaces and dashes are gone. */
const SHORT_CODE = /^[A-Z0-9]{12}$/;

/**
 * "Incassa buono", built for a phone at the till. Step 1: the camera reads the QR code, or the
 * short code is typed. Step 2: the shop sees Comune, kind, balance and expiry (never who holds the
 * voucher) and types the amount. Step 3: confirm; the receipt can be voided for 15 minutes.
 * A confirmation that got no answer is retried with the same Idempotency-Key, so it is taken once.
 */
@Component({
  selector: 'pz-redeem-voucher',
  imports: [
    RouterLink,
    TranslatePipe,
    FormRoot,
    FormField,
    FieldStatus,
    FieldError,
    FormAlert,
    Icon,
    LocalizedPipe,
    LocalDatePipe,
    DateTimePipe,
    EuroPipe,
    ConfirmAction,
    QrScanner,
    ShopPicker,
  ],
  templateUrl: './redeem-voucher.html',
  styleUrl: './redeem-voucher.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RedeemVoucher {
  protected readonly shops = inject(MerchantShops);
  private readonly api = inject(VouchersApi);
  private readonly injector = inject(Injector);

  private readonly stageHeading = viewChild<ElementRef<HTMLElement>>('stageHeading');
  private readonly codeFormElement = viewChild<ElementRef<HTMLFormElement>>('codeFormElement');
  private readonly amountFormElement = viewChild<ElementRef<HTMLFormElement>>('amountFormElement');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  protected readonly stage = signal<Stage>({ name: 'read' });
  protected readonly busy = signal<'check' | 'redeem' | 'void' | null>(null);
  protected readonly failure = signal<ApiError | null>(null);
  /** The last failure left the request's outcome unknown: "Riprova" sends it again, same key. */
  protected readonly canRetry = signal(false);
  protected readonly cameraOpen = signal(false);
  protected readonly cameraProblem = signal<CameraProblem | null>(null);
  protected readonly voided = signal<Redemption | null>(null);
  private readonly now = signal(Date.now());

  /** One Idempotency-Key per confirmation attempt, kept for "Riprova" after a lost answer. */
  private readonly redeemAttempt = new IdempotentAttempt();
  private readonly voidAttempt = new IdempotentAttempt();

  private readonly codeModel = signal({ code: '' });
  protected readonly codeForm = form(this.codeModel, (path) => {
    required(path.code, { message: 'vouchers.redeem.codeRequired' });
    validate(path.code, ({ value }) => {
      const plain = value().replace(/[\s-]/g, '').toUpperCase();
      return plain && !SHORT_CODE.test(plain)
        ? { kind: 'codeShape', message: 'vouchers.redeem.codeShape' }
        : undefined;
    });
  });

  private readonly amountModel = signal({ amount: '' });
  protected readonly amountForm = form(this.amountModel, (path) => {
    required(path.amount, { message: 'vouchers.redeem.amountRequired' });
    validate(path.amount, ({ value }) => {
      if (!value().trim()) return undefined;
      const cents = parseEuro(value());
      if (cents === null || cents <= 0) return { kind: 'amount', message: 'vouchers.redeem.amountInvalid' };
      const stage = this.stage();
      if (stage.name === 'amount' && cents > stage.check.balance) {
        return { kind: 'overBalance', message: 'vouchers.redeem.amountOverBalance' };
      }
      return undefined;
    });
  });

  /** The receipt's "Annulla incasso" stays while the server would still accept it. */
  protected readonly canVoid = computed(() => {
    const stage = this.stage();
    if (stage.name !== 'done' || this.voided()) return false;
    return this.now() < Date.parse(stage.redemption.voidableUntil);
  });

  protected readonly stepNumber = computed(() => {
    const name = this.stage().name;
    return name === 'read' ? 1 : name === 'amount' ? 2 : 3;
  });

  constructor() {
    const clock = setInterval(() => this.now.set(Date.now()), 10_000);
    inject(DestroyRef).onDestroy(() => clearInterval(clock));
    // Another shop: start again from the first step.
    effect(() => {
      this.shops.current();
      untracked(() => this.reset(false));
    });
  }

  // --- Step 1 -------------------------------------------------------------------------------------

  protected openCamera(): void {
    this.failure.set(null);
    this.cameraProblem.set(null);
    this.cameraOpen.set(true);
  }

  protected closeCamera(): void {
    this.cameraOpen.set(false);
  }

  protected cameraFailed(problem: CameraProblem): void {
    this.cameraOpen.set(false);
    this.cameraProblem.set(problem);
    afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async scanned(token: string): Promise<void> {
    this.cameraOpen.set(false);
    this.failure.set(await this.check(token));
  }

  protected async checkTyped(): Promise<void> {
    if (this.busy()) return;
    this.failure.set(null);
    const done = await submit(this.codeForm, async (fields) => {
      const code = fields().value().code.trim();
      const error = await this.check(code);
      if (!error) return undefined;
      const { fieldErrors, formError } = submitFailure(fields, error);
      this.failure.set(formError);
      return fieldErrors;
    });
    if (!done && !this.failure()) {
      const element = this.codeFormElement();
      if (element) focusFirstInvalid(element.nativeElement, this.injector);
    }
  }

  /** Asks what the voucher holds and moves to step 2; answers the failure, if any. */
  private async check(code: string): Promise<ApiError | null> {
    const shop = this.shops.current();
    if (!shop || this.busy()) return null;
    this.busy.set('check');
    this.failure.set(null);
    this.canRetry.set(false);
    try {
      const check = await firstValueFrom(this.api.checkVoucher(shop.id, code));
      this.amountForm().reset({ amount: '' });
      this.show({ name: 'amount', code, check });
      return null;
    } catch (error) {
      return ApiError.from(error);
    } finally {
      this.busy.set(null);
    }
  }

  // --- Step 2 -------------------------------------------------------------------------------------

  protected async chooseAmount(): Promise<void> {
    const stage = this.stage();
    if (stage.name !== 'amount') return;
    this.failure.set(null);
    const done = await submit(this.amountForm, async (fields) => {
      const amount = parseEuro(fields().value().amount);
      if (amount !== null) {
        this.redeemAttempt.reset();
        this.show({ name: 'confirm', code: stage.code, check: stage.check, amount });
      }
      return undefined;
    });
    if (!done) {
      const element = this.amountFormElement();
      if (element) focusFirstInvalid(element.nativeElement, this.injector);
    }
  }

  protected changeAmount(): void {
    const stage = this.stage();
    if (stage.name !== 'confirm') return;
    this.redeemAttempt.reset();
    this.failure.set(null);
    this.canRetry.set(false);
    this.show({ name: 'amount', code: stage.code, check: stage.check });
  }

  // --- Step 3 -------------------------------------------------------------------------------------

  protected async confirm(): Promise<void> {
    const stage = this.stage();
    const shop = this.shops.current();
    if (stage.name !== 'confirm' || !shop || this.busy()) return;
    const key = this.redeemAttempt.keyFor([shop.id, stage.code, stage.amount]);
    this.busy.set('redeem');
    this.failure.set(null);
    this.canRetry.set(false);
    try {
      const redemption = await firstValueFrom(this.api.redeem(shop.id, stage.code, stage.amount, key));
      this.redeemAttempt.settled(null);
      this.voided.set(null);
      this.now.set(Date.now());
      this.show({ name: 'done', check: stage.check, redemption });
    } catch (error) {
      const apiError = ApiError.from(error);
      this.redeemAttempt.settled(apiError);
      this.canRetry.set(answerLost(apiError));
      this.failure.set(apiError);
    } finally {
      this.busy.set(null);
    }
  }

  protected async voidRedemption(): Promise<void> {
    const stage = this.stage();
    const shop = this.shops.current();
    if (stage.name !== 'done' || !shop || this.busy()) return;
    const key = this.voidAttempt.keyFor([shop.id, stage.redemption.id]);
    this.busy.set('void');
    this.failure.set(null);
    try {
      const redemption = await firstValueFrom(this.api.voidRedemption(shop.id, stage.redemption.id, key));
      this.voidAttempt.settled(null);
      this.voided.set(redemption);
      this.show({ ...stage, redemption });
    } catch (error) {
      const apiError = ApiError.from(error);
      this.voidAttempt.settled(apiError);
      this.failure.set(apiError);
    } finally {
      this.busy.set(null);
    }
  }

  /** Back to step 1 for the next customer. */
  protected startAgain(): void {
    this.reset(true);
  }

  private reset(focus: boolean): void {
    this.stage.set({ name: 'read' });
    this.failure.set(null);
    this.canRetry.set(false);
    this.voided.set(null);
    this.cameraOpen.set(false);
    this.redeemAttempt.reset();
    this.voidAttempt.reset();
    this.codeForm().reset({ code: '' });
    this.amountForm().reset({ amount: '' });
    if (focus) afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Moves to a step and takes keyboard and screen-reader users to its heading. */
  private show(stage: Stage): void {
    this.stage.set(stage);
    afterNextRender(() => this.stageHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
