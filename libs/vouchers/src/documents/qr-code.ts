import QRCode from 'qrcode';

/** Error correction M (15 % of the symbol may be lost: a crease, a stain) and the 4-module quiet zone. */
const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;
export const QR_QUIET_ZONE_MODULES = 4;
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * Tokens use only QR alphanumeric characters: saying so skips the library's search for the best mix of
 * modes (a shortest-path over segments that costs more than drawing the code).
 */
function segments(token: string): string | QRCode.QRCodeSegment[] {
  return ALPHANUMERIC.test(token) ? [{ data: token, mode: 'alphanumeric' }] : token;
}

/** The dark modules of a token's QR code, as a square of booleans (without quiet zone). */
export function qrMatrix(token: string): { size: number; isDark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(segments(token), QR_OPTIONS);
  return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
}

/** The QR code as SVG: black on white, quiet zone of 4 modules, crisp edges at any size. */
export async function renderQrSvg(token: string): Promise<string> {
  return QRCode.toString(segments(token), {
    ...QR_OPTIONS,
    type: 'svg',
    margin: QR_QUIET_ZONE_MODULES,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/** The QR code as PNG, 8 pixels a module, quiet zone of 4 modules. */
export async function renderQrPng(token: string, pixelsPerModule = 8): Promise<Buffer> {
  return QRCode.toBuffer(segments(token), {
    ...QR_OPTIONS,
    type: 'png',
    margin: QR_QUIET_ZONE_MODULES,
    scale: pixelsPerModule,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/**
 * Draws the QR code as vector squares (sharp at any printer resolution, smaller and faster than an
 * image) with its white quiet zone: `size` is the width of the symbol alone, the quiet zone lies
 * outside it. One rectangle per run of dark modules in a row.
 */
export function drawQr(doc: PDFKit.PDFDocument, token: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(token);
  const module = size / matrix.size;
  const quiet = QR_QUIET_ZONE_MODULES * module;
  doc.save();
  doc.rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet).fill('#ffffff');
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      // A hair of overlap so that no white seam appears between rows when a viewer anti-aliases.
      doc.rect(x + start * module, y + row * module, (col - start) * module, module + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
