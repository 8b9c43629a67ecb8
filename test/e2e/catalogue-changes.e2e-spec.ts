import {
  CatalogueIndex,
  CatalogueVersion,
  type SearchResult,
  serviceSearchCriteria,
  type ServiceSearchInput,
  serviceSearchSql,
} from '@piazza/catalogue';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';

/**
 * How the catalogue search follows changes: the version comes by LISTEN/NOTIFY, a change of a few
 * services is patched into the in-process index, a change of the taxonomy re-reads it, and a change
 * made by this very process is seen by its next search.
 */
describe('Catalogue search after catalogue changes', () => {
  /** A connection of its own: another process writing to the same database (the worker, the CLI). */
  let other: Client;
  // Before useTestApi's own afterAll (hooks run in order), which drops the database.
  afterAll(async () => {
    await other?.end();
  });
  const api = useTestApi();
  let db: DataSource;

  const search = async (query: string): Promise<SearchResult> => {
    const res = await api.app.inject({ method: 'GET', url: `/api/catalogue/services?${query}` });
    expect({ query, status: res.statusCode }).toEqual({ query, status: 200 });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.json<SearchResult>();
  };
  const slugsFor = async (query: string) => (await search(query)).items.map((s) => s.slug);

  /** Polls until `check` holds (another process's change arrives by notification), at most 5 s. */
  const eventually = async (check: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await sleep(50);
    }
    throw new Error('the change never showed');
  };

  const titleOf = (slug: string) =>
    db.query(`SELECT title FROM service_offer WHERE slug = $1`, [slug]).then((rows) => rows[0].title);

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
    other = new Client({ connectionString: api.env.config.DATABASE_URL });
    await other.connect();
    // The first search builds the index and starts listening.
    await search('q=anziani');
    await eventually(async () => api.app.get(CatalogueVersion).isListening);
  });

  it('finds an edit, a withdrawal and a publication by this process at its very next search', async () => {
    const [{ slug }] = await db.query(
      `SELECT slug FROM service_offer WHERE status = 'published' ORDER BY slug LIMIT 1`,
    );
    const before = await titleOf(slug);
    await db.query(`UPDATE service_offer SET title = 'Zampognaro a domicilio' WHERE slug = $1`, [slug]);
    expect(await slugsFor('q=zampognaro')).toEqual([slug]);
    const browse = await search('sort=title&pageSize=100');
    expect(browse.items.map((s) => s.title)).toContain('Zampognaro a domicilio');

    await db.query(`UPDATE service_offer SET status = 'archived' WHERE slug = $1`, [slug]);
    expect(await slugsFor('q=zampognaro')).toEqual([]);
    expect((await search('pageSize=1')).total).toBe(browse.total - 1);

    await db.query(`UPDATE service_offer SET status = 'published', title = $2 WHERE slug = $1`, [
      slug,
      before,
    ]);
    expect((await search('pageSize=1')).total).toBe(browse.total);
    expect(api.app.get(CatalogueIndex).lastPatch).toMatchObject({ kind: 'patch', services: 1 });
  });

  it('patches orders and facets as the SQL search computes them from the database', async () => {
    // Titles and prices that tie with others: the id decides, as in SQL.
    await db.query(`
      UPDATE service_offer SET title = 'Babysitting a domicilio', price_cents = 1500, price_model = 'per_hour'
       WHERE slug IN (SELECT slug FROM service_offer WHERE status = 'published' ORDER BY slug DESC LIMIT 3)`);
    const cases: [string, ServiceSearchInput][] = [
      ['sort=title&pageSize=30', { sort: 'title', pageSize: 30 }],
      ['sort=price&pageSize=30', { sort: 'price', pageSize: 30 }],
      ['sort=newest&page=2&pageSize=10', { sort: 'newest', page: 2, pageSize: 10 }],
      ['q=babysitting&sort=price', { q: 'babysitting', sort: 'price' }],
    ];
    for (const [query, input] of cases) {
      const answer = await search(query);
      const criteria = serviceSearchCriteria(input);
      const sql = serviceSearchSql(criteria, null);
      const [row] = await db.query(sql.text, sql.values);
      expect({ query, items: answer.items, total: answer.total, families: answer.facets.families }).toEqual({
        query,
        items: row.items,
        total: Number(row.total),
        families: row.families,
      });
    }
  });

  it("sees another process's change once its notification arrives, without a write of its own", async () => {
    const [{ slug }] = await db.query(
      `SELECT slug FROM service_offer WHERE status = 'published' ORDER BY slug OFFSET 3 LIMIT 1`,
    );
    await other.query(`UPDATE service_offer SET title = 'Ciaramella solidale' WHERE slug = $1`, [slug]);
    await eventually(async () => (await slugsFor('q=ciaramella')).includes(slug));
  });

  it('re-reads the whole catalogue when the taxonomy changes', async () => {
    await db.query(`UPDATE theme SET name_it = 'Cura e salute' WHERE slug = 'cura'`);
    const themes = (await search('pageSize=1')).facets.themes;
    expect(themes.find((t) => t.slug === 'cura')?.name).toEqual({
      it: 'Cura e salute',
      en: expect.any(String),
    });
    expect(api.app.get(CatalogueIndex).lastBuild?.version).toBe(
      (await db.query(`SELECT version::text FROM catalogue_version`))[0].version,
    );
  });

  it('listens again when its connection is cut, and follows changes as before', async () => {
    const [{ terminated }] = await other
      .query(
        `SELECT count(pg_terminate_backend(pid))::int AS terminated FROM pg_stat_activity
        WHERE application_name = 'piazza-catalogue' AND datname = current_database()`,
      )
      .then((r) => r.rows);
    expect(terminated).toBe(1);
    const [{ slug }] = await db.query(
      `SELECT slug FROM service_offer WHERE status = 'published' ORDER BY slug OFFSET 5 LIMIT 1`,
    );
    // Whether or not it is listening again yet, a change of this process shows at once.
    await db.query(`UPDATE service_offer SET title = 'Organetto in compagnia' WHERE slug = $1`, [slug]);
    expect(await slugsFor('q=organetto')).toEqual([slug]);
    await eventually(async () => api.app.get(CatalogueVersion).isListening);
    await other.query(`UPDATE service_offer SET title = 'Ocarina in compagnia' WHERE slug = $1`, [slug]);
    await eventually(async () => (await slugsFor('q=ocarina')).includes(slug));
  });
});
