import { DOCUMENT, effect, inject, untracked } from '@angular/core';

import { Session } from '../session/session';

/** Every key of the wallet kept for offline use starts with this. */
export const WALLET_STORAGE_PREFIX = 'piazza.wallet';

/** The browser's localStorage, or null where it is disabled. */
export function walletStorage(document: Document): Storage | null {
  try {
    return document.defaultView?.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Removes every saved part of the wallet from this browser. */
export function eraseSavedWallet(storage: Storage | null): void {
  if (!storage) return;
  try {
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key) =>
      key?.startsWith(WALLET_STORAGE_PREFIX),
    );
    for (const key of keys) if (key) storage.removeItem(key);
  } catch {
    // Storage refused: nothing more can be done from here.
  }
}

/**
 * Erases the saved wallet whenever a signed-in person signs out or their session ends, so that the
 * next person on a shared device never sees it. Call once, from the app shell's injection context.
 */
export function eraseWalletOnSignOut(): void {
  const session = inject(Session);
  const storage = walletStorage(inject(DOCUMENT));
  let previous = untracked(() => session.status());
  effect(() => {
    const status = session.status();
    if (previous === 'signed-in' && status === 'anonymous') eraseSavedWallet(storage);
    previous = status;
  });
}
