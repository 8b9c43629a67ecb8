/** Where the app goes after sign-in when nobody asked for a particular page. */
export const DEFAULT_RETURN_PATH = '/profilo';

/**
 * The `ritorno` query parameter, if it is a path on this site; anything else (another origin,
 * `//evil.example`, `javascript:`) falls back to the profile, so the sign-in page cannot be used to
 * send people elsewhere.
 */
export function safeReturnPath(value: string | null, origin: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return DEFAULT_RETURN_PATH;
  }
  try {
    const url = new URL(value, origin);
    if (url.origin !== origin) return DEFAULT_RETURN_PATH;
    const path = url.pathname + url.search + url.hash;
    return path.startsWith('/accedi') ? DEFAULT_RETURN_PATH : path;
  } catch {
    return DEFAULT_RETURN_PATH;
  }
}
