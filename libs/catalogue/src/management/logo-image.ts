import sharp from 'sharp';
import { invalid } from './management.errors';

/** The largest logo file accepted, in bytes (5 MB). */
export const LOGO_MAX_BYTES = 5 * 1024 * 1024;

/** Logos are shown in a box of this many pixels a side. */
export const LOGO_BOX_PIXELS = 512;

/** A bigger picture than this (width × height) is a decompression bomb, not a logo. */
const MAX_INPUT_PIXELS = 40_000_000;

const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);

export interface LogoImage {
  image: Buffer;
  width: number;
  height: number;
}

/**
 * An uploaded logo, recognised by its content (not its name or declared type): PNG, JPEG or WebP only.
 * Upright per its EXIF orientation, shrunk to fit 512×512 (never enlarged) and stored as WebP, which
 * also strips any metadata the file carried.
 */
export async function toLogoWebp(upload: Buffer): Promise<LogoImage> {
  const format = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS })
    .metadata()
    .then((m) => m.format as string | undefined)
    .catch(() => undefined);
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw invalid(
      'logo',
      'non è un’immagine PNG, JPEG o WebP (o il file è danneggiato)',
      'is not a PNG, JPEG or WebP image (or the file is damaged)',
    );
  }
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize(LOGO_BOX_PIXELS, LOGO_BOX_PIXELS, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { image: data, width: info.width, height: info.height };
  } catch {
    // A header that looked right over a body that does not decode: the file is damaged.
    throw invalid(
      'logo',
      'l’immagine è danneggiata e non si può leggere',
      'the image is damaged and cannot be read',
    );
  }
}
