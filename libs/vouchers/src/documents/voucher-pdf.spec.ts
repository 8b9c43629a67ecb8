import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { generateShortCode } from '../codes/short-code';
import { signVoucherToken, verifyVoucherToken } from '../codes/voucher-token';
import { renderQrPng, renderQrSvg, renderVouchersPdf, type VoucherPrint } from './voucher-pdf';

const run = promisify(execFile);
const DPI = 150;
/** Words that would tell the cashier why the family has the voucher. */
const FORBIDDEN = /assistenz|sussidi|povert|indigen|bisognos|poverty/i;
/** On the vouchers themselves, not even the service that issued them. */
const FORBIDDEN_ON_VOUCHER = /assistenz|sussidi|povert|indigen|bisognos|poverty|welfare|social|benefit/i;

const key = { keyId: 'K1', privateKey: generateKeyPairSync('ed25519').privateKey };
const publicKeys = new Map([['K1', createPublicKey(key.privateKey)]]);

function voucher(faceValue: number): VoucherPrint {
  return {
    code: generateShortCode(),
    token: signVoucherToken(randomUUID(), key),
    faceValue,
    validFrom: new Date('2026-05-01T00:00:00+02:00'),
    // Valid until the end of 31 December in Rome.
    validUntil: new Date('2027-01-01T00:00:00+01:00'),
    comuneName: 'Casalpusterlengo',
    kindName: { it: 'Buono spesa', en: 'Shopping voucher' },
    spendAt: {
      it: 'Negozi aderenti di alimentari e farmacie',
      en: 'Participating grocery shops and pharmacies',
    },
    ambitoName: 'Ambito Territoriale di Lodi',
    platformName: 'Piazza',
    publicUrl: 'https://piazza.example.it/buoni',
  };
}

const cover = {
  recipientName: 'Famiglia Bianchetti Ornella',
  address: 'Via Garibaldi 7\n26841 Casalpusterlengo LO',
  comuneName: 'Casalpusterlengo',
  date: new Date('2026-05-02T09:00:00Z'),
  ambitoName: 'Ambito Territoriale di Lodi',
  helpContacts: 'Punto Sociale di Casalpusterlengo, tel. 0377 923211',
};

describe('voucher PDF', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voucher-pdf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function save(pdf: Buffer): Promise<string> {
    const file = join(dir, `${randomUUID()}.pdf`);
    await writeFile(file, pdf);
    return file;
  }

  async function info(file: string): Promise<{ pages: number; size: string }> {
    const { stdout } = await run('pdfinfo', [file]);
    return {
      pages: Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]),
      size: /^Page size:\s+(.*)$/m.exec(stdout)?.[1] ?? '',
    };
  }

  async function text(file: string, page?: number): Promise<string> {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    const { stdout } = await run('pdftotext', [...range, file, '-']);
    return stdout;
  }

  /** Renders a page at 150 dpi and decodes the QR codes in each region: what a phone would read. */
  async function scan(
    file: string,
    page: number,
    regions: { left: number; top: number; width: number; height: number }[] | 'whole',
  ) {
    const prefix = join(dir, randomUUID());
    await run('pdftoppm', [
      '-r',
      String(DPI),
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      prefix,
    ]);
    const png = await readFile(`${prefix}.png`);
    const { width, height } = await sharp(png).metadata();
    const boxes = regions === 'whole' ? [{ left: 0, top: 0, width: 1, height: 1 }] : regions;
    return Promise.all(
      boxes.map(async (box) => {
        const left = Math.floor(box.left * width);
        const top = Math.floor(box.top * height);
        const area = {
          left,
          top,
          width: Math.min(width - left, Math.floor(box.width * width)),
          height: Math.min(height - top, Math.floor(box.height * height)),
        };
        const { data, info: raw } = await sharp(png)
          .extract(area)
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        const qr = jsQR(
          new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
          raw.width,
          raw.height,
        );
        if (!qr) return null;
        const { topLeftCorner: a, topRightCorner: b } = qr.location;
        return { data: qr.data, symbolMm: (Math.hypot(b.x - a.x, b.y - a.y) / DPI) * 25.4 };
      }),
    );
  }

  it('prints one A6 voucher whose QR a phone reads, 35 mm or more, with the value and expiry in words', async () => {
    const v = voucher(5000);
    const file = await save(await renderVouchersPdf([v], { format: 'a6' }));
    expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, size } = await info(file);
    expect(pages).toBe(1);
    // A6: 105 × 148 mm.
    expect(size).toMatch(/^297\.6\d x 419\.5\d pts/);

    const [qr] = await scan(file, 1, 'whole');
    expect(qr?.data).toBe(v.token);
    expect(verifyVoucherToken(qr!.data, publicKeys).keyId).toBe('K1');
    console.log(`QR symbol on A6: ${qr!.symbolMm.toFixed(1)} mm`);
    expect(qr!.symbolMm).toBeGreaterThanOrEqual(35);

    const printed = await text(file);
    expect(printed).toContain('50,00 €');
    expect(printed).toContain(v.code);
    expect(printed).toContain('31/12/2026');
    expect(printed).toContain('Casalpusterlengo');
    expect(printed).toContain('Mostra questo codice in cassa');
    expect(printed).toContain('https://piazza.example.it/buoni');
    expect(printed).not.toMatch(FORBIDDEN_ON_VOUCHER);
  });

  it('puts four vouchers on an A4 page after a cover letter that alone names the family', async () => {
    const vouchers = [voucher(5000), voucher(2500), voucher(123456), voucher(1000), voucher(700)];
    const file = await save(await renderVouchersPdf(vouchers, { format: 'a4', coverLetter: cover }));
    const { pages, size } = await info(file);
    expect(pages).toBe(3);
    expect(size).toMatch(/^595\.2\d x 841\.8\d pts/);

    const letter = await text(file, 1);
    expect(letter).toContain('Famiglia Bianchetti Ornella');
    expect(letter).toContain('Via Garibaldi 7');
    expect(letter).toContain('1.326,56 €');
    expect(letter).toContain('0377 923211');
    expect(letter).not.toContain(vouchers[0].code);

    const sheets = `${await text(file, 2)}${await text(file, 3)}`;
    expect(sheets).not.toContain('Bianchetti');
    expect(sheets).not.toContain('Ornella');
    expect(sheets).not.toContain('Garibaldi');
    for (const amount of ['50,00 €', '25,00 €', '1.234,56 €', '10,00 €', '7,00 €'])
      expect(sheets).toContain(amount);
    for (const v of vouchers) expect(sheets).toContain(v.code);
    expect(sheets).not.toMatch(FORBIDDEN_ON_VOUCHER);
    expect(letter).not.toMatch(FORBIDDEN);

    const quarters = [
      { left: 0, top: 0, width: 0.5, height: 0.5 },
      { left: 0.5, top: 0, width: 0.5, height: 0.5 },
      { left: 0, top: 0.5, width: 0.5, height: 0.5 },
      { left: 0.5, top: 0.5, width: 0.5, height: 0.5 },
    ];
    const scanned = await scan(file, 2, quarters);
    expect(scanned.map((qr) => qr?.data)).toEqual(vouchers.slice(0, 4).map((v) => v.token));
    for (const qr of scanned) expect(qr!.symbolMm).toBeGreaterThanOrEqual(35);
    expect((await scan(file, 3, [quarters[0]]))[0]?.data).toBe(vouchers[4].token);
  });

  it('starts the A6 vouchers on their own pages after an A4 cover letter', async () => {
    const file = await save(
      await renderVouchersPdf([voucher(1000), voucher(2000)], { format: 'a6', coverLetter: cover }),
    );
    expect((await info(file)).pages).toBe(3);
    expect(await text(file, 2)).toContain('10,00 €');
    expect(await text(file, 3)).toContain('20,00 €');
  });

  it('renders the QR as SVG and PNG, black on white with a quiet zone, that decode to the token', async () => {
    const v = voucher(1000);
    const svg = await renderQrSvg(v.token);
    expect(svg).toMatch(/^<svg /);
    // Version 6: 41 modules and 4 of quiet zone on each side.
    expect(svg).toContain('viewBox="0 0 49 49"');
    expect(svg).toContain('#000000');
    expect(svg).toContain('#ffffff');
    for (const image of [
      await sharp(Buffer.from(svg), { density: 300 }).png().toBuffer(),
      await renderQrPng(v.token),
    ]) {
      const { data, info: raw } = await sharp(image)
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const qr = jsQR(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        raw.width,
        raw.height,
      );
      expect(qr?.data).toBe(v.token);
      // The quiet zone: the top-left pixel row and column are white.
      expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
    }
  });
});
