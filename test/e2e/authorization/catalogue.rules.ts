import type { RuleSet } from './rule';

/** The public catalogue: everyone, signed in or not, gets the same answer. */
export const ruleSet: RuleSet = {
  rules: {
    'GET /api/catalogue/families': {
      request: () => ({ path: '/api/catalogue/families' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/services': {
      request: () => ({ path: '/api/catalogue/services' }),
      expect: { all: 200 },
    },
  },
};
