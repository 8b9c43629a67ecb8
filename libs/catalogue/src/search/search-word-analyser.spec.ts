import { tsqueryPrefixes } from './search-word-analyser';

describe('tsqueryPrefixes', () => {
  it('reads the lexemes of a word query, with quotes and backslashes unescaped', () => {
    expect(tsqueryPrefixes(`'anzian':*`)).toEqual(['anzian']);
    expect(tsqueryPrefixes(`'a':* & 'b''c':* <-> 'd\\\\e':*`)).toEqual(['a', "b'c", 'd\\e']);
    expect(tsqueryPrefixes('')).toEqual([]);
  });
});
