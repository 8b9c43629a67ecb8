/** A line to pay, and which vouchers may pay it. */
export interface PayableLine {
  key: string;
  amount: number;
  eligibleVoucherIds: ReadonlySet<string>;
}

/** A voucher the household may use, with what is left on it. */
export interface UsableVoucher {
  id: string;
  balance: number;
  validUntil: Date;
}

export interface Allocation {
  lineKey: string;
  voucherId: string;
  amount: number;
}

/**
 * Applies vouchers automatically: the voucher that expires first is used first, and lines that fewer
 * vouchers can pay are served first (so a voucher that could pay anything is not spent on a line
 * another voucher could have paid). Amounts in cents; never more than a line's amount or a voucher's
 * balance.
 */
export function allocateAutomatically(lines: PayableLine[], vouchers: UsableVoucher[]): Allocation[] {
  const byExpiry = [...vouchers].sort(
    (a, b) => a.validUntil.getTime() - b.validUntil.getTime() || a.id.localeCompare(b.id),
  );
  return allocate(
    lines,
    byExpiry.map((v) => ({ id: v.id, amount: v.balance })),
  );
}

/**
 * Applies the amounts the family chose, each to the lines its voucher may pay. Returns null when an
 * amount cannot be applied in full (more than the lines it may pay, or than the voucher holds).
 */
export function allocateChosen(
  lines: PayableLine[],
  vouchers: UsableVoucher[],
  chosen: { voucherId: string; amount: number }[],
): Allocation[] | null {
  const balances = new Map(vouchers.map((v) => [v.id, v.balance]));
  const wanted = new Map<string, number>();
  for (const c of chosen) wanted.set(c.voucherId, (wanted.get(c.voucherId) ?? 0) + c.amount);
  for (const [id, amount] of wanted) if (!balances.has(id) || amount > balances.get(id)!) return null;
  const allocations = allocate(
    lines,
    [...wanted].map(([id, amount]) => ({ id, amount })),
  );
  const applied = new Map<string, number>();
  for (const a of allocations) applied.set(a.voucherId, (applied.get(a.voucherId) ?? 0) + a.amount);
  for (const [id, amount] of wanted) if ((applied.get(id) ?? 0) !== amount) return null;
  return allocations;
}

function allocate(lines: PayableLine[], sources: { id: string; amount: number }[]): Allocation[] {
  const left = new Map(sources.map((s) => [s.id, s.amount]));
  const constrained = [...lines].sort(
    (a, b) => a.eligibleVoucherIds.size - b.eligibleVoucherIds.size || a.key.localeCompare(b.key),
  );
  const result: Allocation[] = [];
  for (const line of constrained) {
    let due = line.amount;
    for (const source of sources) {
      if (due === 0) break;
      const available = left.get(source.id)!;
      if (available === 0 || !line.eligibleVoucherIds.has(source.id)) continue;
      const amount = Math.min(due, available);
      left.set(source.id, available - amount);
      due -= amount;
      result.push({ lineKey: line.key, voucherId: source.id, amount });
    }
  }
  return result;
}
