/**
 * Turns the Ambito's primary colour into the CSS custom properties that styles.css uses on top of
 * Bootstrap Italia. Whatever colour the Ambito picks, text stays readable: the colour used for
 * text on white and the text colour used on the colour are both chosen to meet WCAG AA (4.5:1).
 */
export type BrandPalette = Record<
  | '--pz-primary'
  | '--pz-primary-rgb'
  | '--pz-primary-dark'
  | '--pz-on-primary'
  | '--pz-on-primary-dark'
  | '--pz-primary-text'
  | '--pz-footer-bg'
  | '--pz-footer-bottom-bg'
  | '--bs-primary'
  | '--bs-primary-rgb'
  | '--bs-link-color'
  | '--bs-link-hover-color',
  string
>;

type Rgb = [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const NEAR_BLACK: Rgb = [26, 26, 26];
const AA = 4.5;

export function brandPalette(hex: string): BrandPalette | null {
  const rgb = parseHex(hex);
  if (!rgb) return null;
  const text = darkenUntil(rgb, (c) => contrast(c, WHITE) >= AA);
  const dark = scale(rgb, 0.8);
  return {
    '--pz-primary': toHex(rgb),
    '--pz-primary-rgb': rgb.join(', '),
    '--pz-primary-dark': toHex(dark),
    '--pz-on-primary': toHex(readableOn(rgb)),
    '--pz-on-primary-dark': toHex(readableOn(dark)),
    '--pz-primary-text': toHex(text),
    '--pz-footer-bg': toHex(darkenUntil(scale(rgb, 0.75), (c) => contrast(c, WHITE) >= 7)),
    '--pz-footer-bottom-bg': toHex(darkenUntil(scale(rgb, 0.5), (c) => contrast(c, WHITE) >= 10)),
    '--bs-primary': toHex(rgb),
    '--bs-primary-rgb': rgb.join(', '),
    '--bs-link-color': toHex(text),
    '--bs-link-hover-color': toHex(darkenUntil(scale(text, 0.85), (c) => contrast(c, WHITE) >= AA)),
  };
}

/** White where it reads well enough (AA), otherwise whichever of white and near-black reads better. */
function readableOn(background: Rgb): Rgb {
  const onWhite = contrast(WHITE, background);
  return onWhite >= AA || onWhite >= contrast(NEAR_BLACK, background) ? WHITE : NEAR_BLACK;
}

function parseHex(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

function scale(rgb: Rgb, factor: number): Rgb {
  return rgb.map((c) => c * factor) as Rgb;
}

function darkenUntil(rgb: Rgb, good: (c: Rgb) => boolean): Rgb {
  let colour = rgb;
  for (let step = 0; step < 40 && !good(colour); step++) colour = scale(colour, 0.93);
  return colour;
}

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
