import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { givenDemoAmbito } from '../support/demo-ambito';
import { useTestApi } from '../support/test-api';

const PUBLIC_URL = 'https://piazza.example.org';

/** A web app of our own, shaped as Angular's build writes index.html (a description over several lines). */
const webDist = mkdtempSync(join(tmpdir(), 'piazza-share-cards-'));
writeFileSync(
  join(webDist, 'index.html'),
  `<!doctype html>
<html lang="it">
  <head>
    <meta charset="utf-8"/>
    <title>Piazza</title>
    <meta
      name="description"
      content="Servizi di welfare, buoni comunali e aiuto per le famiglie dell'Ambito."
    />
  </head>
  <body><pz-root></pz-root></body>
</html>
`,
);

interface Page {
  status: number;
  html: string;
  title: string | undefined;
  meta: (key: string) => string[];
  canonical: string[];
}

describe('Share cards: a shared link shows its page before any script runs', () => {
  const api = useTestApi({ PUBLIC_URL, WEB_DIST: webDist });
  let db: DataSource;

  beforeAll(async () => {
    await givenDemoAmbito(api.app);
    db = api.app.get(DataSource);
  });

  afterAll(() => rmSync(webDist, { recursive: true, force: true }));

  async function page(url: string): Promise<Page> {
    // As behind the deployment's proxy: the page's own address is PUBLIC_URL's.
    const res = await api.app.inject({
      method: 'GET',
      url,
      headers: {
        accept: 'text/html',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'piazza.example.org',
      },
    });
    const html = res.body;
    const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
    const metas = [...html.matchAll(/<meta\b[^>]*>/g)].map((m) => m[0]);
    return {
      status: res.statusCode,
      html,
      title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
      meta: (key) =>
        metas
          .filter((m) => attr(m, 'name') === key || attr(m, 'property') === key)
          .map((m) => attr(m, 'content')),
      canonical: [...html.matchAll(/<link rel="canonical" href="([^"]*)">/g)].map((m) => m[1]),
    };
  }

  it("gives a service's link its title, description and Open Graph tags", async () => {
    const [service] = await db.query(
      `SELECT slug, title, summary FROM service_offer WHERE status = 'published' AND summary <> '' ORDER BY slug LIMIT 1`,
    );
    const [settings] = await db.query(`SELECT name FROM ambito_settings`);
    const res = await page(`/servizi/${service.slug}`);
    expect(res.status).toBe(200);
    expect(res.title).toBe(`${service.title} · ${settings.name}`);
    expect(res.meta('description')).toHaveLength(1);
    expect(res.meta('description')[0]).toBe(res.meta('og:description')[0]);
    expect(res.meta('og:title')).toEqual([res.title]);
    expect(res.meta('og:url')).toEqual([`${PUBLIC_URL}/servizi/${service.slug}`]);
    expect(res.meta('og:type')).toEqual(['article']);
    expect(res.canonical).toEqual([`${PUBLIC_URL}/servizi/${service.slug}`]);
    expect(res.html).toContain('<pz-root></pz-root>');
  });

  it('escapes what organisations typed, so a title cannot write HTML', async () => {
    await db.query(`UPDATE organisation SET name = $1, description = $2 WHERE slug = 'cortile-dei-ragazzi'`, [
      'Il "Cortile" <script>alert(1)</script> & co.',
      "L'ente <b>dei ragazzi</b>",
    ]);
    const res = await page('/enti/cortile-dei-ragazzi');
    expect(res.status).toBe(200);
    expect(res.html).not.toContain('<script>alert(1)</script>');
    expect(res.html).not.toContain('<b>dei ragazzi</b>');
    expect(res.title).toContain('Il &quot;Cortile&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; co.');
    expect(res.meta('og:description')).toEqual(['L&#39;ente &lt;b&gt;dei ragazzi&lt;/b&gt;']);
    expect(res.meta('og:type')).toEqual(['website']);
  });

  it('gives events and Social Points their cards too', async () => {
    const [org] = await db.query(`SELECT id, comune_id FROM organisation WHERE slug = 'cortile-dei-ragazzi'`);
    await db.query(
      `INSERT INTO event (slug, organisation_id, title, summary, starts_at, ends_at, venue, address, comune_id, status)
       VALUES ('festa-da-condividere', $1, 'Festa di primavera', 'Giochi e merenda per tutti',
               now() + interval '2 days', now() + interval '2 days 3 hours', 'Parco', 'Via Roma 1', $2, 'published'),
              ('festa-in-bozza-da-non-mostrare', $1, 'Bozza', '', now(), now(), 'Parco', 'Via Roma 1', $2, 'draft')`,
      [org.id, org.comune_id],
    );
    const event = await page('/eventi/festa-da-condividere');
    expect(event.status).toBe(200);
    expect(event.meta('og:title')[0]).toMatch(/^Festa di primavera · /);
    expect(event.meta('description')).toEqual(['Giochi e merenda per tutti']);
    expect((await page('/eventi/festa-in-bozza-da-non-mostrare')).status).toBe(404);

    const [point] = await db.query(`SELECT slug, name FROM social_point ORDER BY slug LIMIT 1`);
    const socialPoint = await page(`/punti-sociali/${point.slug}`);
    expect(socialPoint.status).toBe(200);
    expect(socialPoint.title).toMatch(new RegExp(`^${point.name} · `));
    expect(socialPoint.meta('og:url')).toEqual([`${PUBLIC_URL}/punti-sociali/${point.slug}`]);
  });

  it('still serves the app, with status 404 and its own tags, for a page that does not exist', async () => {
    for (const url of [
      '/servizi/non-esiste',
      '/enti/non-esiste',
      '/punti-sociali/non-esiste',
      '/eventi/Non_Valido',
    ]) {
      const res = await page(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.html).toContain('<pz-root></pz-root>');
      expect(res.title).toBe('Piazza');
      expect(res.meta('og:title')).toEqual([]);
      expect(res.meta('robots')).toEqual(['noindex']);
    }
  });

  it('keeps the default tags on every other page', async () => {
    for (const url of ['/', '/catalogo', '/enti', '/eventi?mese=2026-12']) {
      const res = await page(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.title).toBe('Piazza');
      expect(res.meta('description')).toEqual([
        "Servizi di welfare, buoni comunali e aiuto per le famiglie dell'Ambito.",
      ]);
      expect(res.meta('og:title')).toEqual([]);
    }
  });
});
