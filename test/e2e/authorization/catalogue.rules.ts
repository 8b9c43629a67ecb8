import type { RuleSet } from './rule';

/** The public catalogue: everyone, signed in or not, gets the same answer. */
export const ruleSet: RuleSet = {
  rules: {
    'GET /api/catalogue/families': {
      request: () => ({ path: '/api/catalogue/families' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/taxonomy': {
      request: () => ({ path: '/api/catalogue/taxonomy' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/services': {
      request: () => ({ path: '/api/catalogue/services?q=babysitter&comune=tradate,vedano-olona' }),
      expect: { all: 200 },
    },
    'GET /api/catalogue/services/map': {
      request: () => ({ path: '/api/catalogue/services/map?family=silvercare' }),
      expect: { all: 200 },
    },
    // An unknown slug is a 404 for everyone, the administrator included: the page shows only what is
    // published (test/e2e/catalogue.e2e-spec.ts shows a published one).
    'GET /api/catalogue/services/{slug}': {
      request: () => ({ path: '/api/catalogue/services/servizio-che-non-esiste' }),
      expect: { all: 404 },
    },
  },
};
