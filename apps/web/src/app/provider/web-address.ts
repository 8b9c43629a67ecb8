/** "www.example.it" means https://www.example.it; the API wants the protocol written out. */
export function withProtocol(address: string): string {
  const trimmed = address.trim();
  return !trimmed || /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Loose on purpose (the server has the last word): a host with a dot, maybe a protocol and a path. */
export function looksLikeWebAddress(address: string): boolean {
  return /^(https?:\/\/)?[^\s/.]+\.[^\s]+$/i.test(address.trim());
}

/** Empty text is "none" for the API. */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}
