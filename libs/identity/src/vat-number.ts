/** Italian partita IVA: 11 digits, the last a check digit (Luhn-like, as the Agenzia delle Entrate defines). */
export function vatNumberIsValid(input: string): boolean {
  const vat = input.replace(/\s+/g, '').replace(/^IT/i, '');
  if (!/^\d{11}$/.test(vat) || /^0{11}$/.test(vat)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(vat[i]);
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(vat[10]);
}

export function normaliseVatNumber(input: string): string {
  return input.replace(/\s+/g, '').replace(/^IT/i, '');
}
