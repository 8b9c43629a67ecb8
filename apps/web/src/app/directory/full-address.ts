import { Pipe, type PipeTransform } from '@angular/core';

/**
 * `{{ place.address | fullAddress: place.comune.name }}`: the address with its Comune, unless the
 * address already names it ("Via Roma 9, 21040 Venegono Superiore VA").
 */
@Pipe({ name: 'fullAddress' })
export class FullAddressPipe implements PipeTransform {
  transform(address: string | null | undefined, comune: string): string {
    return fullAddress(address, comune);
  }
}

export function fullAddress(address: string | null | undefined, comune: string): string {
  const street = (address ?? '').trim();
  if (!street) return comune;
  return street.toLowerCase().includes(comune.toLowerCase()) ? street : `${street}, ${comune}`;
}
