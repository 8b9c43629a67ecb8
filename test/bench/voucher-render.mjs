// Voucher rendering micro benchmark (no database): how many one-voucher A6 PDFs a plain loop renders per
// second in one process, QR code and signature included. `renderLoop(count)` is reused by the issue
// benchmark; run alone with `npm run build:server && node test/bench/voucher-render.mjs [count]`.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(ROOT, 'dist', path));
const { renderVouchersPdf } = dist('libs/vouchers/src/documents/voucher-pdf.js');
const { signVoucherToken } = dist('libs/vouchers/src/codes/voucher-token.js');
const { generateShortCode } = dist('libs/vouchers/src/codes/short-code.js');

const key = { keyId: 'K1', privateKey: generateKeyPairSync('ed25519').privateKey };

function sampleVoucher() {
  return {
    code: generateShortCode(),
    token: signVoucherToken(randomUUID(), key),
    faceValue: 5000,
    validFrom: new Date('2026-05-01T00:00:00+02:00'),
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

/**
 * Renders `count` one-voucher PDFs (A6 by default; A4 is what issuance stores) one after the other (each with a fresh token and short code, as
 * issuance does) and returns the rate.
 */
export async function renderLoop(count, format = 'a6') {
  let bytes = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const pdf = await renderVouchersPdf([sampleVoucher()], { format });
    bytes += pdf.length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return {
    count,
    ms: Math.round(ms),
    perSecond: Math.round((count / ms) * 1000 * 10) / 10,
    meanBytes: Math.round(bytes / count),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? process.env.BENCH_RENDERS ?? 500);
  await renderLoop(Math.min(50, count)); // warm-up: JIT, fonts, QR tables
  console.log(JSON.stringify({ benchmark: 'voucher-render', format: 'a6', ...(await renderLoop(count)) }));
}
