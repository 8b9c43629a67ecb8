import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, type Observable, throwError } from 'rxjs';

import { ApiError } from './api-error';
import { API_BASE_URL } from './piazza-api';
import {
  type AssignmentInput,
  type Campaign,
  type Fund,
  type FundInput,
  type HouseholdVouchers,
  type MerchantShop,
  type NoticeInbox,
  type Redemption,
  type RedemptionMonth,
  type Settlement,
  type SettlementInput,
  type SettlementRow,
  type TopUpInput,
  type Voucher,
  type VoucherAssignment,
  type VoucherCheck,
  type VoucherDetail,
  type VoucherKind,
  type VoucherKindInput,
} from './vouchers-models';

/** A statement of one month, as a file. */
export type StatementFormat = 'csv' | 'pdf';
/** The formats a statement is offered in, in the order of the download buttons. */
export const STATEMENT_FORMATS: readonly StatementFormat[] = ['csv', 'pdf'];

/**
 * Funds, vouchers, redemptions, settlements and notices (docs/vouchers-api.md). Every method fails
 * with an {@link ApiError}. Each call that moves money takes the caller's `Idempotency-Key`: the
 * caller keeps it for a retry of the same attempt, so a request repeated after a lost answer is
 * done once.
 */
@Injectable({ providedIn: 'root' })
export class VouchersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  // --- Citizen: wallet and notices ---------------------------------------------------------------

  wallet(): Observable<Voucher[]> {
    return this.get<Voucher[]>('/wallet/vouchers');
  }

  voucher(voucherId: string): Observable<VoucherDetail> {
    return this.get<VoucherDetail>(`/wallet/vouchers/${encodeURIComponent(voucherId)}`);
  }

  /** The QR code as SVG text, kept by the wallet to show it offline. */
  voucherQrSvg(voucherId: string): Observable<string> {
    return this.http
      .get(`${this.baseUrl}/wallet/vouchers/${encodeURIComponent(voucherId)}/qr.svg`, {
        responseType: 'text',
      })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }

  /** GET link of the QR image, for an `<img>`. */
  voucherQrUrl(voucherId: string): string {
    return `${this.baseUrl}/wallet/vouchers/${encodeURIComponent(voucherId)}/qr.svg`;
  }

  /** GET link of the printable voucher: A4 by default, A6 for a card-sized print. */
  voucherPdfUrl(voucherId: string, format: 'a4' | 'a6' = 'a4'): string {
    const url = `${this.baseUrl}/wallet/vouchers/${encodeURIComponent(voucherId)}/pdf`;
    return format === 'a4' ? url : `${url}?format=${format}`;
  }

  notices(): Observable<NoticeInbox> {
    return this.get<NoticeInbox>('/notices');
  }

  markNoticeRead(noticeId: string): Observable<void> {
    return this.post<unknown>(`/notices/${encodeURIComponent(noticeId)}/read`, {}).pipe(map(() => undefined));
  }

  markAllNoticesRead(): Observable<void> {
    return this.post<unknown>('/notices/read-all', {}).pipe(map(() => undefined));
  }

  // --- Public campaigns --------------------------------------------------------------------------

  campaigns(): Observable<Campaign[]> {
    return this.get<Campaign[]>('/campaigns');
  }

  campaign(slug: string): Observable<Campaign> {
    return this.get<Campaign>(`/campaigns/${encodeURIComponent(slug)}`);
  }

  // --- Merchant ------------------------------------------------------------------------------------

  merchantShops(): Observable<MerchantShop[]> {
    return this.get<MerchantShop[]>('/merchant/shops');
  }

  /** What the shop may know of a voucher (balance, expiry, Comune), from its QR token or short code. */
  checkVoucher(shopId: string, code: string): Observable<VoucherCheck> {
    return this.post<VoucherCheck>(`/merchant/shops/${encodeURIComponent(shopId)}/voucher-checks`, { code });
  }

  redeem(shopId: string, code: string, amount: number, idempotencyKey: string): Observable<Redemption> {
    return this.post<Redemption>(
      `/merchant/shops/${encodeURIComponent(shopId)}/redemptions`,
      { code, amount },
      idempotencyKey,
    );
  }

  /** Gives the amount back to the voucher; within 15 minutes of the redemption only. */
  voidRedemption(shopId: string, redemptionId: string, idempotencyKey: string): Observable<Redemption> {
    return this.post<Redemption>(
      `/merchant/shops/${encodeURIComponent(shopId)}/redemptions/${encodeURIComponent(redemptionId)}/void`,
      {},
      idempotencyKey,
    );
  }

  /** A month's redemptions (`YYYY-MM`), voided ones included. */
  redemptions(shopId: string, month: string): Observable<RedemptionMonth> {
    return this.get<RedemptionMonth>(
      `/merchant/shops/${encodeURIComponent(shopId)}/redemptions`,
      new HttpParams().set('month', month),
    );
  }

  /** GET link of the shop's statement of a month. */
  merchantStatementUrl(shopId: string, month: string, format: StatementFormat): string {
    const shop = encodeURIComponent(shopId);
    const period = encodeURIComponent(month);
    return format === 'csv'
      ? `${this.baseUrl}/merchant/shops/${shop}/statements/${period}.csv`
      : `${this.baseUrl}/merchant/shops/${shop}/statements/${period}.pdf`;
  }

  // --- Social worker ----------------------------------------------------------------------------

  socialFunds(): Observable<Fund[]> {
    return this.get<Fund[]>('/social/funds');
  }

  socialVoucherKinds(): Observable<VoucherKind[]> {
    return this.get<VoucherKind[]>('/social/voucher-kinds');
  }

  householdVouchers(householdId: string): Observable<HouseholdVouchers> {
    return this.get<HouseholdVouchers>(`/social/households/${encodeURIComponent(householdId)}/vouchers`);
  }

  assignVouchers(
    householdId: string,
    input: AssignmentInput,
    idempotencyKey: string,
  ): Observable<VoucherAssignment> {
    return this.post<VoucherAssignment>(
      `/social/households/${encodeURIComponent(householdId)}/voucher-assignments`,
      input,
      idempotencyKey,
    );
  }

  revokeVoucher(voucherId: string, reason: string): Observable<Voucher> {
    return this.post<Voucher>(`/social/vouchers/${encodeURIComponent(voucherId)}/revoke`, { reason });
  }

  /** GET link of the household's active vouchers as one PDF, with a cover letter for posting. */
  householdVouchersPdfUrl(householdId: string): string {
    return `${this.baseUrl}/social/households/${encodeURIComponent(householdId)}/vouchers.pdf`;
  }

  // --- Administration ---------------------------------------------------------------------------

  funds(): Observable<Fund[]> {
    return this.get<Fund[]>('/admin/funds');
  }

  createFund(input: FundInput): Observable<Fund> {
    return this.post<Fund>('/admin/funds', input);
  }

  topUpFund(fundId: string, input: TopUpInput, idempotencyKey: string): Observable<Fund> {
    return this.post<Fund>(`/admin/funds/${encodeURIComponent(fundId)}/top-ups`, input, idempotencyKey);
  }

  /** Closes a fund to new assignments, or opens it again. */
  setFundStatus(fundId: string, status: Fund['status']): Observable<Fund> {
    return this.patch<Fund>(`/admin/funds/${encodeURIComponent(fundId)}`, { status });
  }

  voucherKinds(): Observable<VoucherKind[]> {
    return this.get<VoucherKind[]>('/admin/voucher-kinds');
  }

  createVoucherKind(input: VoucherKindInput): Observable<VoucherKind> {
    return this.post<VoucherKind>('/admin/voucher-kinds', input);
  }

  updateVoucherKind(kindId: string, input: Partial<VoucherKindInput>): Observable<VoucherKind> {
    return this.patch<VoucherKind>(`/admin/voucher-kinds/${encodeURIComponent(kindId)}`, input);
  }

  /** Every shop with redemptions in the month (`YYYY-MM`): redeemed, settled and owed. */
  settlements(month: string): Observable<SettlementRow[]> {
    return this.get<SettlementRow[]>('/admin/settlements', new HttpParams().set('month', month));
  }

  settle(input: SettlementInput, idempotencyKey: string): Observable<Settlement> {
    return this.post<Settlement>('/admin/settlements', input, idempotencyKey);
  }

  /** GET link of a shop's statement of a month, as the administration reads it. */
  adminStatementUrl(merchantId: string, month: string, format: StatementFormat): string {
    const merchant = encodeURIComponent(merchantId);
    const period = encodeURIComponent(month);
    return format === 'csv'
      ? `${this.baseUrl}/admin/merchants/${merchant}/statements/${period}.csv`
      : `${this.baseUrl}/admin/merchants/${merchant}/statements/${period}.pdf`;
  }

  private get<T>(path: string, params?: HttpParams): Observable<T> {
    return this.http
      .get<T>(this.baseUrl + path, { params })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }

  private post<T>(path: string, body: unknown, idempotencyKey?: string): Observable<T> {
    return this.send<T>('POST', path, body, idempotencyKey);
  }

  private patch<T>(path: string, body: unknown): Observable<T> {
    return this.send<T>('PATCH', path, body);
  }

  private send<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    idempotencyKey?: string,
  ): Observable<T> {
    const headers = idempotencyKey ? new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) : undefined;
    return this.http
      .request<T>(method, this.baseUrl + path, { body, headers })
      .pipe(catchError((error: unknown) => throwError(() => ApiError.from(error))));
  }
}
