import type { RuleSet } from './rule';

export const ruleSet: RuleSet = {
  rules: {},
};
