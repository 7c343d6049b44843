import { SLOS } from '../slos.js';
import { alertRuleGroups } from './alerts.js';
import { sloRuleGroups } from './slo-rules.js';
import type { RuleGroup } from './types.js';

export * from './types.js';
export { STABLE_MEMORY_BUDGET_BYTES } from './alerts.js';
export { burnAlertName, errorRatio } from './slo-rules.js';

/** Every rule group, in the order of the generated rules file. */
export function ruleGroups(): RuleGroup[] {
  return [...sloRuleGroups(SLOS), ...alertRuleGroups()];
}
