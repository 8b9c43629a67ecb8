import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@piazza/core';
import type { LexemeQuery, WordMatch } from './catalogue-index-search';
import { CLOSE_TERMS, closeSimilarity } from './service-search.sql';

interface WordRow {
  i: number;
  query: string;
  nodes: number;
  close: { term: string; sim: number; query: string }[] | null;
  typo: boolean;
}

/** Words analysed per catalogue version; past this many the oldest leave. */
const CAPACITY = 20_000;

/**
 * The lexeme prefixes of a tsquery text such as `'anzian':*` or `'a':* & 'b':*` (all must match). A
 * phrase (`<->`) is read as "all of them", which only the prefix order could tell apart.
 */
export function tsqueryPrefixes(text: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  return out;
}

/**
 * What PostgreSQL makes of the typed words, the way the SQL search (service-search.sql.ts) does: each
 * word's Italian stem as a prefix (`to_tsquery('italian', f_unaccent(word) || ':*')`), its close words
 * in the catalogue (search_term, trigram similarity, at most CLOSE_TERMS above closeSimilarity) and
 * whether it is a typo (no catalogue word starts with its stem). One statement for all the words of a
 * request, and each word is remembered until the catalogue version changes.
 */
@Injectable()
export class SearchWordAnalyser {
  private version = '';
  private readonly words = new Map<string, WordMatch>();

  async analyse(ctx: RequestContext, version: string, words: string[]): Promise<WordMatch[]> {
    if (version !== this.version) {
      this.words.clear();
      this.version = version;
    }
    const missing = words.filter((w) => !this.words.has(w));
    if (missing.length) {
      const rows: WordRow[] = await ctx.em.query(
        `SELECT w.i::int AS i, x.q::text AS query, numnode(x.q) AS nodes,
                CASE WHEN w.short THEN NULL ELSE (
                  SELECT json_agg(json_build_object('term', e.term, 'sim', e.sim,
                           'query', to_tsquery('italian', e.term || ':*')::text) ORDER BY e.sim DESC, e.term)
                    FROM (SELECT t.term, t.sim FROM (
                            SELECT st.term, greatest(similarity(st.term, p.norm), word_similarity(p.norm, st.term)) AS sim
                              FROM search_term st WHERE st.term % p.norm OR st.term %> p.norm) t
                           WHERE t.sim >= w.threshold ORDER BY t.sim DESC, t.term LIMIT ${CLOSE_TERMS}) e) END AS close,
                NOT w.short AND numnode(x.q) > 0 AND NOT EXISTS (
                  SELECT 1 FROM search_term st WHERE st.term >= p.stem AND st.term < p.stem || chr(1114111)) AS typo
           FROM unnest($1::text[], $2::real[], $3::bool[]) WITH ORDINALITY AS w(word, threshold, short, i)
          CROSS JOIN LATERAL (SELECT regexp_replace(f_unaccent(w.word), '[^[:alnum:]]+', '', 'g') AS plain) a
          CROSS JOIN LATERAL (SELECT lower(a.plain) AS norm,
                                     (ts_lexize('italian_stem', lower(a.plain)))[1] AS stem) p
          CROSS JOIN LATERAL (SELECT to_tsquery('italian', coalesce(nullif(a.plain, '') || ':*', '')) AS q) x`,
        [missing, missing.map((w) => closeSimilarity(w)), missing.map((w) => [...w].length < 3)],
      );
      for (const row of rows) {
        const close = row.close ?? [];
        const alternatives: LexemeQuery[] = [
          { prefixes: tsqueryPrefixes(row.query), factor: 1 },
          ...close.map((c) => ({ prefixes: tsqueryPrefixes(c.query), factor: Number(c.sim) })),
        ];
        if (this.words.size >= CAPACITY) this.words.clear();
        this.words.set(missing[row.i - 1], {
          active: Number(row.nodes) > 0,
          alternatives,
          typo: row.typo && close.length ? close[0].term : null,
        });
      }
    }
    return words.map((w) => this.words.get(w)!);
  }
}
