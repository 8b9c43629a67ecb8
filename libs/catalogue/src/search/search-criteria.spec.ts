import { ValidationError } from '@piazza/core';
import { MAX_SEARCH_WORDS, searchWords, serviceSearchCriteria } from './search-criteria';

describe(serviceSearchCriteria.name, () => {
  const fieldOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationError) return error.field;
      throw error;
    }
    return undefined;
  };

  it('splits words on anything but letters and digits, in lower case, without one-letter words', () => {
    expect(searchWords("Assistenza all'anziano, 24h: Caffè & PASTI!")).toEqual([
      'assistenza',
      'all',
      'anziano',
      '24h',
      'caffè',
      'pasti',
    ]);
    expect(searchWords("l'orto e i fiori")).toEqual(['orto', 'fiori']);
    expect(searchWords('babysitter Babysitter')).toEqual(['babysitter']);
    expect(searchWords('uno due tre quattro cinque sei sette otto nove dieci')).toHaveLength(
      MAX_SEARCH_WORDS,
    );
    expect(searchWords('  ')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('orders by relevance with words, by distance with an origin, else by title', () => {
    expect(serviceSearchCriteria({ q: 'nido' }).sort).toBe('relevance');
    expect(serviceSearchCriteria({ nearComune: 'tradate' }).sort).toBe('distance');
    expect(serviceSearchCriteria({ q: 'nido', near: '45.7,8.9' }).sort).toBe('relevance');
    expect(serviceSearchCriteria({}).sort).toBe('title');
    // Punctuation only: no word, nothing to rank.
    expect(serviceSearchCriteria({ q: '!!', sort: 'relevance' }).sort).toBe('title');
    expect(serviceSearchCriteria({ sort: 'newest' })).toMatchObject({
      sort: 'newest',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads the origin, and gives equal searches equal criteria whatever the order of their lists', () => {
    expect(serviceSearchCriteria({ near: ' 45.714 , 8.904 ' }).near).toEqual({ lat: 45.714, lng: 8.904 });
    expect(serviceSearchCriteria({ comune: ['tradate', 'castelseprio', 'tradate'] }).comuni).toEqual([
      'castelseprio',
      'tradate',
    ]);
  });

  it('names the parameter that is wrong', () => {
    expect(fieldOf(() => serviceSearchCriteria({ near: 'abc' }))).toBe('near');
    expect(fieldOf(() => serviceSearchCriteria({ near: '91,8' }))).toBe('near');
    expect(fieldOf(() => serviceSearchCriteria({ near: '45,181' }))).toBe('near');
    expect(fieldOf(() => serviceSearchCriteria({ near: '45,8', nearComune: 'tradate' }))).toBe('nearComune');
    expect(fieldOf(() => serviceSearchCriteria({ radiusKm: 3 }))).toBe('radiusKm');
    expect(fieldOf(() => serviceSearchCriteria({ sort: 'distance' }))).toBe('sort');
    expect(fieldOf(() => serviceSearchCriteria({ priceMin: 10, priceMax: 5 }))).toBe('priceMin');
    expect(fieldOf(() => serviceSearchCriteria({ priceMin: 5, priceMax: 5 }))).toBeUndefined();
  });
});
