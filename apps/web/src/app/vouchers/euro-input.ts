/**
 * Amounts in euro as people type them, to integer cents by string arithmetic only (never through a
 * float): "12", "12,5", "12,50", "12.50", "1.250,00", with or without "€" and spaces.
 */
const PLAIN = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;
const GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/;

/** "12,50" → 1250; null when the text is not an amount. */
export function parseEuro(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0€]/g, '');
  const match = PLAIN.exec(cleaned) ?? GROUPED.exec(cleaned);
  if (!match) return null;
  const euros = match[1].replace(/\./g, '');
  if (euros.length > 9) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(euros) * 100 + Number(cents);
}

/** 1250 → "12,50", for a field the person will edit. */
export function centsToInput(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

/** A Comune as the API sends it in a few places: a name, or a reference with one. */
export function comuneName(comune: { name: string } | string | null | undefined): string {
  if (!comune) return '';
  return typeof comune === 'string' ? comune : comune.name;
}
