import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../context/request-context';
import type { Translated } from '../i18n/translated';
import { AmbitoSettings, type AmbitoContacts } from './ambito-settings.entity';
import { Comune } from './comune.entity';

/** What the web app needs at start to brand itself for this Ambito. */
export interface PublicSettings {
  name: string;
  shortName: string;
  tagline: Translated;
  logoUrl: string | null;
  colors: { primary: string };
  contacts: AmbitoContacts;
  comuni: { id: string; slug: string; name: string; istatCode: string }[];
}

/** The defaults used before an Ambito configured itself: the platform is called Piazza. */
export const DEFAULT_SETTINGS: Omit<PublicSettings, 'comuni'> = {
  name: 'Piazza',
  shortName: 'Piazza',
  tagline: { it: 'Il welfare del territorio in un unico posto', en: 'Local welfare in one place' },
  logoUrl: null,
  colors: { primary: '#0066cc' },
  contacts: { email: '', phone: '', address: '', website: null },
};

@Injectable()
export class SettingsService {
  /** The Ambito's public identity and its Comuni, in alphabetical order. */
  async publicSettings(ctx: RequestContext): Promise<PublicSettings> {
    const [settings, comuni] = await Promise.all([
      ctx.em.findOne(AmbitoSettings, { where: { id: 1 } }),
      ctx.em.find(Comune, { order: { name: 'ASC' } }),
    ]);
    return {
      ...(settings
        ? {
            name: settings.name,
            shortName: settings.shortName,
            tagline: settings.tagline,
            logoUrl: settings.logoUrl,
            colors: { primary: settings.primaryColor },
            contacts: settings.contacts,
          }
        : DEFAULT_SETTINGS),
      comuni: comuni.map((c) => ({ id: c.id, slug: c.slug, name: c.name, istatCode: c.istatCode })),
    };
  }
}
