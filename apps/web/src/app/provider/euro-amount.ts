/** An amount in euro as people type it: "12", "12,5", "12,50" or "12.50"; no thousands separator. */
const EURO_AMOUNT = /^\d{1,6}(?:[.,]\d{1,2})?$/;

/** True when the text is an amount {@link euroToCents} understands. */
export function isEuroAmount(text: string): boolean {
  return EURO_AMOUNT.test(text.trim());
}

/** "12,50" → 1250; null when the text is not an amount. Integer arithmetic, no float rounding. */
export function euroToCents(text: string): number | null {
  const trimmed = text.trim();
  if (!EURO_AMOUNT.test(trimmed)) return null;
  const [euros, decimals = ''] = trimmed.split(/[.,]/);
  return Number(euros) * 100 + Number(decimals.padEnd(2, '0'));
}

/** 1250 → "12,50", for an input the person will edit. */
export function centsToEuroText(cents: number | null): string {
  if (cents === null) return '';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}
