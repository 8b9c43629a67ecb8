const formatters = new Map<string, Intl.NumberFormat>();

/** Formats integer euro cents for display: "12,50 €" in Italian, "€12.50" in English. */
export function formatEuroCents(cents: number, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    formatters.set(locale, formatter);
  }
  return formatter.format(cents / 100);
}
