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

/** A translation key with its parameters. */
export interface TranslatedText {
  key: string;
  params: Record<string, string | number>;
}

/** How a price reads, e.g. "12,50 € all'ora", as a key of `service.priceModel` and its parameters. */
export function priceText(
  priceModel: 'free' | 'fixed' | 'per_hour' | 'per_session' | 'per_month',
  priceCents: number | null,
  locale: string,
): TranslatedText {
  if (priceModel === 'free') return { key: 'service.priceModel.free', params: {} };
  if (priceCents === null) return { key: 'service.priceOnRequest', params: {} };
  return { key: `service.priceModel.${priceModel}`, params: { price: formatEuroCents(priceCents, locale) } };
}
