/**
 * Wire types of funds, vouchers, redemptions, settlements and notices (docs/vouchers-api.md).
 * Every amount is integer euro cents; every date an ISO 8601 string.
 */
import { type ComuneRef, type LatLng, type LocalizedText } from './models';

/** Integer euro cents: 1250 is 12,50 €. */
export type Cents = number;

export type VoucherKindType = 'service' | 'spending';

export const VOUCHER_STATUSES = ['active', 'exhausted', 'expired', 'revoked'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

export interface VoucherKindRef {
  slug: string;
  kind: VoucherKindType;
  name: LocalizedText;
}

/** A voucher as its household, and the household's social worker, see it. */
export interface Voucher {
  id: string;
  /** The short code to type, grouped `XXXX-XXXX-XXXX`. */
  code: string;
  /** What the QR code carries. */
  token: string;
  kind: VoucherKindRef;
  comune: ComuneRef;
  faceValue: Cents;
  balance: Cents;
  validFrom: string;
  validUntil: string;
  status: VoucherStatus;
  /** Where it can be spent, in words. */
  spendAt: LocalizedText;
  issuedAt: string;
}

export type VoucherMovementKind = 'issue' | 'redemption' | 'void' | 'expiry' | 'revoke';

export interface VoucherMovement {
  at: string;
  kind: VoucherMovementKind;
  /** Signed: negative when money left the voucher. */
  amount: Cents;
  balanceAfter: Cents;
  shop: { name: string } | null;
}

export interface VoucherDetail extends Voucher {
  movements: VoucherMovement[];
}

// --- Notices --------------------------------------------------------------------------------------

export interface Notice {
  id: string;
  template: string;
  title: LocalizedText;
  body: LocalizedText;
  /** A page of the app the notice is about (`/buoni/…`), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NoticeInbox {
  unread: number;
  items: Notice[];
}

// --- Merchant ---------------------------------------------------------------------------------------

export interface MerchantShop {
  id: string;
  slug: string;
  name: string;
  comune: ComuneRef | string | null;
  accredited: boolean;
}

/** What a shop may know about a voucher before taking it: never who holds it. */
export interface VoucherCheck {
  code: string;
  kind: { name: LocalizedText };
  comune: { name: string };
  balance: Cents;
  validUntil: string;
  status: VoucherStatus;
  redeemable: boolean;
  /** Why it cannot be taken here and now; null when it can. */
  reason: LocalizedText | null;
}

export interface Redemption {
  id: string;
  code: string;
  amount: Cents;
  balanceAfter: Cents;
  comune: { name: string };
  createdAt: string;
  voidableUntil: string;
  voidedAt: string | null;
}

export interface RedemptionMonth {
  items: Redemption[];
  /** Net of voided redemptions. */
  total: Cents;
}

// --- Funds, kinds, settlements ------------------------------------------------------------------------

export interface Fund {
  id: string;
  name: string;
  description: string;
  /** A closed fund takes no new assignments. */
  status: 'open' | 'closed';
  comune: { id: string; slug: string; name: string };
  /** Everything topped up. */
  budget: Cents;
  /** What the fund holds now. */
  available: Cents;
  /** Issued to households. */
  assigned: Cents;
  /** Redeemed, net of voids. */
  spent: Cents;
  /** Expired or revoked vouchers, back in the fund. */
  returned: Cents;
}

export interface FundInput {
  comuneId: string;
  name: string;
  description?: string;
}

export interface TopUpInput {
  amount: Cents;
  reference: string;
}

export interface VoucherKind {
  id: string;
  slug: string;
  kind: VoucherKindType;
  name: LocalizedText;
  description: LocalizedText;
  /** Null: every Comune of the Ambito. */
  comune: { id: string; slug: string; name: string } | null;
  categoryIds: string[];
  shopCategories: string[];
  shopIds: string[];
  campaign: boolean;
  startsOn: string | null;
  endsOn: string | null;
  active: boolean;
}

export interface VoucherKindInput {
  slug: string;
  kind: VoucherKindType;
  name: LocalizedText;
  description?: LocalizedText;
  comuneId?: string | null;
  categoryIds?: string[];
  shopCategories?: string[];
  shopIds?: string[];
  campaign?: boolean;
  startsOn?: string | null;
  endsOn?: string | null;
  active?: boolean;
}

export interface SettlementRow {
  merchant: { id: string; slug: string; name: string; comune: ComuneRef | string | null };
  /** Redeemed in the month, net of voids. */
  redeemed: Cents;
  /** Paid for the month. */
  settled: Cents;
  /** What the Comuni owe the shop now. */
  owed: Cents;
  /** How many redemptions in the month. */
  redemptions: number;
}

export interface SettlementInput {
  merchantId: string;
  amount: Cents;
  /** `YYYY-MM-DD`. */
  periodStart: string;
  periodEnd: string;
  reference: string;
}

export interface Settlement {
  id: string;
  amount: Cents;
}

// --- Social worker ------------------------------------------------------------------------------------

export interface VoucherAssignment {
  id: string;
  status: 'pending' | 'issued';
  fundId: string;
  kindId: string;
  householdId: string;
  total: Cents;
  amounts: Cents[];
  validFrom: string;
  validUntil: string;
  note: string;
  createdAt: string;
  issuedAt: string | null;
}

export interface HouseholdVouchers {
  vouchers: Voucher[];
  assignments: VoucherAssignment[];
}

export interface AssignmentInput {
  fundId: string;
  kindId: string;
  amounts: Cents[];
  /** ISO instants. */
  validFrom?: string;
  validUntil: string;
  note?: string;
}

// --- Public campaigns ---------------------------------------------------------------------------------

export interface CampaignShop {
  slug: string;
  name: string;
  address: string;
  /** The Comune's name. */
  comune: string;
  shopCategory: string | null;
  location: LatLng | null;
}

export interface Campaign {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  comune: ComuneRef | null;
  startsOn: string | null;
  endsOn: string | null;
  shopCategories: string[];
  shops: CampaignShop[];
}
