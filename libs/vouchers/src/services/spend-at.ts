import type { Translated } from '@piazza/core';
import type { VoucherKind } from '../entities/voucher-kind.entity';

export const SHOP_CATEGORY_NAMES: Record<string, Translated> = {
  alimentari: { it: 'alimentari', en: 'groceries' },
  farmacia: { it: 'farmacie', en: 'pharmacies' },
  abbigliamento: { it: 'abbigliamento', en: 'clothing' },
  cartoleria: { it: 'cartolerie', en: 'stationers' },
  casalinghi: { it: 'casalinghi', en: 'household goods' },
  ottica: { it: 'ottici', en: 'opticians' },
};

/** Where a voucher of this kind can be spent, in words for the wallet and the PDF. */
export function spendAtText(
  kind: Pick<VoucherKind, 'kind' | 'shopCategories' | 'shopIds' | 'campaign'>,
  extra: { categoryNames?: Translated[]; shopNames?: string[]; comuneName?: string | null } = {},
): Translated {
  const where = extra.comuneName
    ? { it: ` di ${extra.comuneName}`, en: ` in ${extra.comuneName}` }
    : { it: '', en: '' };
  const list = (items: string[]) => items.join(', ');
  if (kind.kind === 'service') {
    const names = extra.categoryNames ?? [];
    return names.length
      ? {
          it: `Servizi accreditati dell'Ambito: ${list(names.map((n) => n.it))}.`,
          en: `Accredited services of the Ambito: ${list(names.map((n) => n.en))}.`,
        }
      : { it: "Servizi accreditati dell'Ambito.", en: 'Accredited services of the Ambito.' };
  }
  const parts: Translated[] = [];
  const categories = kind.shopCategories.map((c) => SHOP_CATEGORY_NAMES[c] ?? { it: c, en: c });
  if (categories.length)
    parts.push({ it: list(categories.map((c) => c.it)), en: list(categories.map((c) => c.en)) });
  if (extra.shopNames?.length) parts.push({ it: list(extra.shopNames), en: list(extra.shopNames) });
  if (!parts.length)
    return {
      it: `Negozi accreditati${where.it} (elenco sul sito).`,
      en: `Accredited shops${where.en} (list on the website).`,
    };
  return {
    it: `Negozi accreditati${where.it}: ${parts.map((p) => p.it).join('; ')}.`,
    en: `Accredited shops${where.en}: ${parts.map((p) => p.en).join('; ')}.`,
  };
}
