/** `tel:` wants digits only; the visible number keeps the organisation's own spacing. */
export function telHref(phone: string | null | undefined): string {
  return phone ? 'tel:' + phone.replace(/[^\d+]/g, '') : '';
}
