import { slugify } from './slugs';

describe(slugify.name, () => {
  it('drops accents, punctuation and capitals and joins the words with hyphens', () => {
    expect(slugify('Doposcuola "Il Cortile" – Più compiti!')).toBe('doposcuola-il-cortile-piu-compiti');
    expect(slugify('  Caffè & Co.  ')).toBe('caffe-co');
  });

  it('never ends on a hyphen when it cuts a long title', () => {
    const slug = slugify('Laboratorio teatrale per ragazze e ragazzi delle scuole medie del territorio', 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives an empty slug for a title with no letter or digit, for the caller to replace', () => {
    expect(slugify('!!! ???')).toBe('');
  });
});
