import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, cardPaymentEnabled } from '../config/app-config';
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
  comuni: {
    id: string;
    slug: string;
    name: string;
    istatCode: string;
    location: { lat: number; lng: number };
  }[];
  /** The catalogue map: tiles (null: none configured) and the view that shows every Comune. */
  map: {
    tileUrl: string | null;
    attribution: string;
    bounds: [[number, number], [number, number]] | null;
  };
  /** Whether the rest of an order can be paid by card; when not, why (shown at checkout). */
  payments: { card: boolean; reason: Translated | null };
}

/** Why checkout offers no card payment, when the Ambito has not configured Stripe. */
export const CARD_PAYMENT_OFF: Translated = {
  it: 'Il pagamento con carta non è attivo in questo Ambito: si può pagare solo con i buoni.',
  en: 'Card payment is not enabled in this Ambito: you can pay with vouchers only.',
};

/** The defaults used before an Ambito configured itself: the platform is called Piazza. */
export const DEFAULT_SETTINGS: Omit<PublicSettings, 'comuni' | 'map' | 'payments'> = {
  name: 'Piazza',
  shortName: 'Piazza',
  tagline: { it: 'Il welfare del territorio in un unico posto', en: 'Local welfare in one place' },
  logoUrl: null,
  colors: { primary: '#0066cc' },
  contacts: { email: '', phone: '', address: '', website: null },
};

@Injectable()
export class SettingsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
      comuni: comuni.map((c) => ({
        id: c.id,
        slug: c.slug,
        name: c.name,
        istatCode: c.istatCode,
        location: { lat: c.location.coordinates[1], lng: c.location.coordinates[0] },
      })),
      map: {
        tileUrl: this.config.MAP_TILE_URL || null,
        attribution: this.config.MAP_TILE_ATTRIBUTION,
        bounds: comuni.length ? boundsOf(comuni.map((c) => c.location.coordinates)) : null,
      },
      payments: cardPaymentEnabled(this.config)
        ? { card: true, reason: null }
        : { card: false, reason: CARD_PAYMENT_OFF },
    };
  }
}

/** South-west and north-east corners ([lat, lng]) around points given as GeoJSON [lng, lat]. */
function boundsOf(points: number[][]): [[number, number], [number, number]] {
  const lats = points.map((p) => p[1]);
  const lngs = points.map((p) => p[0]);
  return [
    [Math.min(...lats), Math.min(...lngs)],
    [Math.max(...lats), Math.max(...lngs)],
  ];
}
