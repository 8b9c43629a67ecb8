// The catalogue benchmark's load (catalogue.bench.mjs): the mix of searches visitors ask, and closed-loop
// clients that send it and time the answers. Apart from the bench so that a profile or a quick run can
// reuse it against a database that is already seeded.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const demo = createRequire(import.meta.url)(join(ROOT, 'dist/apps/cli/src/seed/demo-ambito.data.js'));

// ---------------------------------------------------------------------------------------------------
// The mix: what visitors of a catalogue ask. Deterministic (seeded) so runs compare.

export function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'babysitter',
  'doposcuola',
  'anziani',
  'assistenza domiciliare',
  'pasti a domicilio',
  'trasporto',
  'pulizie',
  'stireria',
  'dog sitter',
  'centro estivo',
  'ripetizioni',
  'badante',
  'telesoccorso',
  'sostegno psicologico',
  'mediazione familiare',
  'micronido',
  'caffè',
  'giardino',
  'orientamento',
  'teatro ragazzi',
  'piedibus',
  'spesa',
  'compiti',
  'ascolto',
  'bagno assistito',
  'montagna',
  'cani',
  'trasporto anziani',
  'babysitting serale',
  'consulenza genitori',
];
const TYPOS = ['babysiter', 'baby sitter', 'doposcula', 'anzini', 'stiraria', 'telesocorso', 'ripetizzioni'];
const FAMILIES = ['youcare', 'childcare', 'silvercare', 'familycare', 'housepetcare'];
const THEMES = ['casa', 'lavoro', 'cibo', 'cura', 'formazione', 'tirocini', 'ascolto'];
const TARGETS = [
  'famiglie',
  'bambini',
  'giovani',
  'anziani',
  'donne',
  'disabilita',
  'stranieri',
  'caregiver',
];
const COMUNI = demo.COMUNI.map((c) => c.slug);

/** The origin the API resolves (the seeded Comuni are the demo's, with the same centres). */
export function origin(criteria) {
  if (criteria.near) return { ...criteria.near, label: null };
  const comune = demo.COMUNI.find((c) => c.slug === criteria.nearComune);
  return comune ? { lat: comune.lat, lng: comune.lng, label: comune.name } : null;
}
const CATEGORIES = demo.FAMILIES.flatMap((f) => f.subcategories.map((s) => s.slug));

/**
 * One search. Popular values are asked more often (Zipf: the k-th value of a list about 1/k as often as
 * the first), as in any search log; points near which people search are all different.
 */
export function mix(random) {
  const pick = (list) => {
    const weights = list.map((_, k) => 1 / (k + 1));
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < list.length; k++) if ((r -= weights[k]) <= 0) return list[k];
    return list[list.length - 1];
  };
  const page = () => (random() < 0.85 ? 1 : 2 + Math.floor(random() * 2));
  const point = () => `${(45.7 + random() * 0.08).toFixed(5)},${(8.85 + random() * 0.06).toFixed(5)}`;
  const words = () => (random() < 0.2 ? pick(TYPOS) : pick(WORDS));
  const r = random();
  if (r < 0.4) {
    const input = { kind: 'text', q: words(), page: page() };
    const extra = random();
    if (extra < 0.15) input.comune = [pick(COMUNI)];
    else if (extra < 0.3) input.family = pick(FAMILIES);
    else if (extra < 0.4) input.voucher = true;
    return input;
  }
  if (r < 0.6) {
    const input = { kind: 'browse', sort: pick(['title', 'price', 'newest']), page: page() };
    if (random() < 0.7) input.family = pick(FAMILIES);
    if (random() < 0.5) input.comune = [pick(COMUNI)];
    const extra = random();
    if (extra < 0.2) input.category = [pick(CATEGORIES)];
    else if (extra < 0.4) input.theme = [pick(THEMES)];
    else if (extra < 0.6) input.target = [pick(TARGETS)];
    return input;
  }
  if (r < 0.8) {
    const input = { kind: 'near', near: point(), radiusKm: pick([1, 2, 5]) };
    if (random() < 0.7) input.q = words();
    else input.category = [pick(CATEGORIES)];
    return input;
  }
  if (r < 0.9) {
    const input = { kind: 'nearComune', nearComune: pick(COMUNI) };
    if (random() < 0.5) input.q = words();
    else input.family = pick(FAMILIES);
    if (random() < 0.5) input.radiusKm = 3;
    return input;
  }
  const input = { kind: 'flags' };
  const flag = random();
  if (flag < 0.3) input.openNow = true;
  else if (flag < 0.5) input.free = true;
  else if (flag < 0.7) input.voucher = true;
  else {
    input.priceMin = 500 * Math.floor(random() * 4);
    input.priceMax = input.priceMin + 1000 + 500 * Math.floor(random() * 6);
  }
  if (random() < 0.5) input.q = words();
  else input.family = pick(FAMILIES);
  return input;
}

export function queryString(input) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (key === 'kind') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

// ---------------------------------------------------------------------------------------------------
// Load: `concurrency` workers, each sending its next request when the previous one answers.

export async function load(seconds, seed, send, concurrency) {
  const random = prng(seed);
  const latencies = [];
  const byKind = {};
  const distinct = new Set();
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const input = mix(random);
        distinct.add(queryString(input));
        const t0 = performance.now();
        try {
          await send(input);
        } catch (error) {
          errors++;
          firstError ??= String(error?.message ?? error);
          continue;
        }
        const ms = performance.now() - t0;
        latencies.push(ms);
        (byKind[input.kind] ??= []).push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    firstError,
    distinctQueries: distinct.size,
    rps: round(latencies.length / elapsed),
    ...stats(latencies),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, values]) => [kind, { requests: values.length, ...stats(values) }]),
    ),
  };
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

export function round(n) {
  return Math.round(n * 10) / 10;
}
