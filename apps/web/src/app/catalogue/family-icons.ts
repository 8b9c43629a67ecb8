import { type FamilySlug } from '../api/models';

/** Bootstrap Italia sprite per service family; decorative, the family name is always shown. */
export const FAMILY_ICONS: Record<FamilySlug, string> = {
  youcare: 'it-user',
  childcare: 'it-pencil',
  silvercare: 'it-hearing',
  familycare: 'it-star-outline',
  housepetcare: 'it-key',
};
