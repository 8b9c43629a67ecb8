import { SERVICE_FAMILIES, type ServiceFamily } from '../entities/category.entity';
import { cardsOf, searchIndex, type WordMatch } from './catalogue-index-search';
import {
  buildSnapshot,
  type CatalogueSnapshot,
  patchSnapshot,
  type ServiceLexeme,
  type ServiceRow,
  type TaxonomyRow,
} from './catalogue-snapshot';
import { serviceSearchCriteria, type ServiceSearchInput } from './search-criteria';

/** A small deterministic catalogue: what PostgreSQL would hand the index, computed here. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMUNI = [
  { slug: 'tradate', lat: 45.714, lng: 8.904 },
  { slug: 'venegono', lat: 45.75, lng: 8.89 },
  { slug: 'castiglione', lat: 45.72, lng: 8.86 },
];
const WORDS = ['anzian', 'assist', 'bambin', 'babysitt', 'pul', 'spes', 'trasport', 'compit', 'ascolt'];

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function taxonomy(): TaxonomyRow[] {
  const rows: TaxonomyRow[] = [];
  const add = (row: Partial<TaxonomyRow> & Pick<TaxonomyRow, 'kind' | 'id' | 'slug'>) =>
    rows.push({
      name_it: row.slug,
      name_en: row.slug,
      family: null,
      parent_slug: null,
      root: false,
      lat: null,
      lng: null,
      ...row,
    });
  SERVICE_FAMILIES.forEach((family, f) => {
    add({ kind: 'category', id: uuid(1000 + f), slug: family, family, root: true });
    for (let k = 0; k < 3; k++) {
      add({
        kind: 'category',
        id: uuid(1100 + f * 10 + k),
        slug: `${family}-${k}`,
        family,
        parent_slug: family,
      });
    }
  });
  for (let t = 0; t < 4; t++) add({ kind: 'theme', id: uuid(2000 + t), slug: `theme-${t}` });
  for (let t = 0; t < 3; t++) add({ kind: 'target', id: uuid(3000 + t), slug: `target-${t}` });
  COMUNI.forEach((c, i) => add({ kind: 'comune', id: uuid(4000 + i), slug: c.slug, lat: c.lat, lng: c.lng }));
  return rows;
}

interface Service {
  row: ServiceRow;
  lexemes: ServiceLexeme[];
  publishedAt: number | null;
}

function service(n: number, random: () => number): Service {
  const f = Math.floor(random() * SERVICE_FAMILIES.length);
  const family = SERVICE_FAMILIES[f] as ServiceFamily;
  const free = random() < 0.2;
  const price = free ? null : 500 * Math.floor(random() * 8);
  const comune = COMUNI[Math.floor(random() * COMUNI.length)];
  const located = random() < 0.9;
  const pick = (count: number, base: number) =>
    Array.from({ length: count }, (_, i) => i)
      .filter(() => random() < 0.4)
      .map((i) => uuid(base + i));
  const words = WORDS.filter(() => random() < 0.3);
  return {
    row: {
      id: uuid(n),
      slug: `service-${n}`,
      // Few distinct titles and prices: ties must fall back to the id.
      title: `${words[0] ?? 'servizio'} ${Math.floor(random() * 5)}`,
      summary: 'Un servizio.',
      price_model: free ? 'free' : 'per_hour',
      price_cents: price === null ? null : String(price),
      organisation: `Ente ${n % 7}`,
      organisation_slug: `ente-${n % 7}`,
      organisation_kind: 'association',
      family,
      category_id: uuid(1100 + f * 10 + Math.floor(random() * 3)),
      theme_ids: pick(4, 2000),
      target_group_ids: pick(3, 3000),
      comune_ids: [uuid(4000 + COMUNI.indexOf(comune))],
      voucher_payable: random() < 0.5,
      free,
      price: String(price ?? 0),
      lat: located ? comune.lat + (random() - 0.5) * 0.04 : null,
      lng: located ? comune.lng + (random() - 0.5) * 0.04 : null,
      opening_week: random() < 0.5 ? '{[480,720),[1920,2160)}' : null,
      title_rank: '0',
      newest_rank: '0',
    },
    lexemes: words.map((lexeme, i) => ({ lexeme, bits: i === 0 ? 8 : 2 })),
    publishedAt: random() < 0.9 ? Math.floor(random() * 50) : null,
  };
}

/** Ranks as PostgreSQL counts them: titles by code unit (a "C" collation), then the id. */
function ranked(services: Service[]): Service[] {
  const byId = [...services].sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
  const titleOrder = [...byId].sort((a, b) =>
    a.row.title < b.row.title ? -1 : a.row.title > b.row.title ? 1 : a.row.id < b.row.id ? -1 : 1,
  );
  const newestOrder = [...byId].sort((a, b) => {
    if (a.publishedAt !== b.publishedAt) {
      if (a.publishedAt === null) return 1;
      if (b.publishedAt === null) return -1;
      return b.publishedAt - a.publishedAt;
    }
    return a.row.id < b.row.id ? -1 : 1;
  });
  return byId.map((s) => ({
    ...s,
    row: {
      ...s.row,
      title_rank: String(titleOrder.indexOf(s)),
      newest_rank: String(newestOrder.indexOf(s)),
    },
  }));
}

function build(version: string, services: Service[]): Promise<CatalogueSnapshot> {
  const rows = ranked(services);
  const postings = new Map<string, number[]>();
  rows.forEach((s, ordinal) => {
    for (const { lexeme, bits } of s.lexemes) {
      if (!postings.has(lexeme)) postings.set(lexeme, []);
      postings.get(lexeme)!.push((ordinal << 4) | bits);
    }
  });
  const lexemeRows = [...postings].map(([lexeme, list]) => {
    const buffer = Buffer.alloc(list.length * 4);
    list.forEach((v, i) => buffer.writeInt32BE(v, i * 4));
    return { lexeme, postings: buffer };
  });
  return buildSnapshot(
    version,
    rows.map((s) => s.row),
    lexemeRows,
    taxonomy(),
  );
}

const word = (prefix: string): WordMatch => ({
  active: true,
  alternatives: [{ prefixes: [prefix], factor: 1 }],
  typo: null,
});

const SEARCHES: ServiceSearchInput[] = [
  {},
  { sort: 'price' },
  { sort: 'price_desc', page: 2, pageSize: 7 },
  { sort: 'newest', pageSize: 50 },
  { q: 'anzian' },
  { q: 'ba assist' },
  { q: 'pul', sort: 'title' },
  { family: 'silvercare', comune: ['tradate'] },
  { theme: ['theme-1', 'theme-2'], target: ['target-0'], voucher: true },
  { category: ['childcare'], free: true, openNow: true },
  { priceMin: 500, priceMax: 2000, sort: 'price' },
  { near: '45.72,8.9', radiusKm: 2 },
  { near: '45.72,8.9', radiusKm: 1, q: 'trasport' },
  { near: '45.72,8.9', radiusKm: 3, q: 'compit', sort: 'distance' },
  { near: '45.74,8.89' },
  { near: '45.71,8.9', sort: 'title', comune: ['tradate', 'venegono'] },
];

/** Every search's answer (page, total, facets, cards), as the API would send it. */
function answers(snapshot: CatalogueSnapshot): unknown[] {
  return SEARCHES.map((input) => {
    const criteria = serviceSearchCriteria(input);
    const origin = criteria.near ? { ...criteria.near, label: null } : null;
    const answer = searchIndex(snapshot, criteria, origin, criteria.words.map(word), 500);
    return {
      input,
      total: answer.total,
      facets: answer.facets,
      items: cardsOf(snapshot, answer.page, origin, 500),
    };
  });
}

describe(patchSnapshot.name, () => {
  it('answers every search as a full build of the changed catalogue does', async () => {
    const random = prng(7);
    let services = Array.from({ length: 300 }, (_, i) => service(10 * i + 5, random));
    let snapshot = await build('1', services);
    const used = new Set(services.map((s) => s.row.id));
    const fresh = () => {
      for (;;) {
        const n = Math.floor(random() * 30_000) * 10 + 1;
        if (!used.has(uuid(n))) {
          used.add(uuid(n));
          return service(n, random);
        }
      }
    };
    for (let version = 2; version <= 12; version++) {
      // Some services edited, withdrawn or published: ids anywhere in the id order.
      const changed: string[] = [];
      const edited = services.filter(() => random() < 0.01).map((s) => s.row.id);
      const withdrawn = new Set(services.filter(() => random() < 0.01).map((s) => s.row.id));
      services = services
        .filter((s) => !withdrawn.has(s.row.id))
        .map((s) => {
          if (!edited.includes(s.row.id)) return s;
          const edit = service(0, random);
          return { ...edit, row: { ...edit.row, id: s.row.id } };
        });
      const published = Array.from({ length: 1 + Math.floor(random() * 3) }, fresh);
      services.push(...published);
      changed.push(...edited, ...withdrawn, ...published.map((s) => s.row.id));

      const all = ranked(services);
      const rows = all.filter((s) => changed.includes(s.row.id));
      const patched = patchSnapshot(snapshot, String(version), {
        ids: changed,
        rows: rows.map((s) => s.row),
        lexemes: new Map(rows.map((s) => [s.row.id, s.lexemes])),
      });
      expect(patched).not.toBeNull();
      snapshot = patched!;
      expect({ version, answers: answers(snapshot) }).toEqual({
        version,
        answers: answers(await build(String(version), services)),
      });
    }
    expect(snapshot.size).toBeGreaterThan(snapshot.live);
  });

  it('leaves the snapshot it was made from as it was', async () => {
    const random = prng(11);
    const services = Array.from({ length: 100 }, (_, i) => service(10 * i + 5, random));
    const base = await build('1', services);
    const before = answers(base);
    const added = service(7, random);
    const patched = patchSnapshot(base, '2', {
      ids: [added.row.id, services[3].row.id],
      rows: ranked([...services.filter((_, i) => i !== 3), added])
        .filter((s) => s.row.id === added.row.id)
        .map((s) => s.row),
      lexemes: new Map([[added.row.id, added.lexemes]]),
    });
    expect(patched!.live).toBe(base.live);
    expect(answers(base)).toEqual(before);
  });

  it('asks for a full build when a service names a value the snapshot does not know', async () => {
    const random = prng(3);
    const base = await build('1', [service(5, random)]);
    const stranger = service(6, random);
    stranger.row.theme_ids = [uuid(9999)];
    expect(
      patchSnapshot(base, '2', { ids: [stranger.row.id], rows: [stranger.row], lexemes: new Map() }),
    ).toBeNull();
  });
});
