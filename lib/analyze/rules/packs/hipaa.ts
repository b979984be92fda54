import type { RulePack } from '../rule';
import { ALL_RULES } from '../rules';

/** The HIPAA Security pack: every rule in lib/analyze/rules/rules, in id order. */
export const HIPAA_PACK: RulePack = {
  id: 'hipaa-security',
  title: 'HIPAA Security Rule (45 CFR 164 Subpart C)',
  rules: ALL_RULES,
};
