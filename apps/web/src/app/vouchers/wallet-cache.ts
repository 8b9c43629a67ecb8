import { DOCUMENT, inject, Injectable } from '@angular/core';

import { type Voucher, type VoucherDetail } from '../api/vouchers-models';
import { eraseSavedWallet, WALLET_STORAGE_PREFIX, walletStorage } from './wallet-storage';

const PREFIX = WALLET_STORAGE_PREFIX;
const WALLET_KEY = `${PREFIX}.list`;
const VOUCHER_PREFIX = `${PREFIX}.voucher.`;
const QR_PREFIX = `${PREFIX}.qr.`;

/** A copy of an answer of the API and when it was received (ISO timestamp). */
export interface Saved<T> {
  savedAt: string;
  value: T;
}

/**
 * The wallet's last answers, kept in this browser so that a family can still show a voucher at the
 * till when the shop has no signal: the list, each voucher's page and each QR code as SVG text. The
 * copy is only ever shown with the time it was saved (the balance may have changed since), and is
 * erased when the person signs out (wallet-storage.ts), so that nobody else sees it on a shared device.
 */
@Injectable({ providedIn: 'root' })
export class WalletCache {
  private readonly storage = walletStorage(inject(DOCUMENT));

  hasWallet(): boolean {
    return this.read(WALLET_KEY) !== null;
  }

  wallet(): Saved<Voucher[]> | null {
    return this.read<Voucher[]>(WALLET_KEY);
  }

  /** Keeps the list, and forgets the pages and QR codes of vouchers that left it. */
  saveWallet(vouchers: Voucher[]): void {
    this.write(WALLET_KEY, vouchers);
    const ids = new Set(vouchers.map((voucher) => voucher.id));
    for (const key of this.keys()) {
      const id = key.startsWith(VOUCHER_PREFIX)
        ? key.slice(VOUCHER_PREFIX.length)
        : key.startsWith(QR_PREFIX)
          ? key.slice(QR_PREFIX.length)
          : null;
      if (id !== null && !ids.has(id)) this.remove(key);
    }
  }

  voucher(id: string): Saved<VoucherDetail | Voucher> | null {
    const page = this.read<VoucherDetail>(VOUCHER_PREFIX + id);
    if (page) return page;
    // A voucher never opened online: its line of the list, without movements.
    const list = this.wallet();
    const line = list?.value.find((voucher) => voucher.id === id);
    return list && line ? { savedAt: list.savedAt, value: line } : null;
  }

  saveVoucher(voucher: VoucherDetail): void {
    this.write(VOUCHER_PREFIX + voucher.id, voucher);
  }

  qrSvg(id: string): string | null {
    return this.read<string>(QR_PREFIX + id)?.value ?? null;
  }

  saveQrSvg(id: string, svg: string): void {
    this.write(QR_PREFIX + id, svg);
  }

  clear(): void {
    eraseSavedWallet(this.storage);
  }

  private keys(): string[] {
    if (!this.storage) return [];
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    return keys;
  }

  private read<T>(key: string): Saved<T> | null {
    try {
      const text = this.storage?.getItem(key);
      if (!text) return null;
      const saved = JSON.parse(text) as Partial<Saved<T>>;
      return typeof saved.savedAt === 'string' && saved.value !== undefined ? (saved as Saved<T>) : null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      this.storage?.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), value }));
    } catch {
      // Storage full or disabled (private mode): the wallet works online as before.
    }
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Nothing to do: the entry stays until storage works again.
    }
  }
}
