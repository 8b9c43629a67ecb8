const formatters = new Map<string, Intl.NumberFormat>();

/** A distance for people: "850 m" under a kilometre, else "1,2 km" (one decimal under 10 km). */
export function formatDistance(meters: number, locale: string): string {
  if (meters < 1000) return `${format(Math.max(10, Math.round(meters / 10) * 10), locale, 0)} m`;
  const km = meters / 1000;
  return `${format(km, locale, km < 10 ? 1 : 0)} km`;
}

function format(value: number, locale: string, digits: number): string {
  const key = `${locale}/${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
