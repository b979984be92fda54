import * as os from 'os';
import { buildApp } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import type { HipaaConfigInput } from '../../lib/config/schema';
import { constructSuppressions, evaluate, violations, type StackDocument, type TerraformJson } from '../../lib/analyze/rules';
import { waiverSuppressions } from '../../lib/analyze/rules/waivers';

/** The stacks a configuration synthesizes to, in memory, with the suppressions its constructs record. */
export function synthConfig(config: HipaaConfigInput): { stacks: StackDocument[]; suppressions: ReturnType<typeof constructSuppressions> } {
  const built = buildApp(parseConfig(config), { outdir: os.tmpdir() });
  const stacks = built.stacks.map((s) => {
    s.prepareStack();
    return { name: s.stackName, json: s.toTerraform() as TerraformJson };
  });
  return { stacks, suppressions: [...constructSuppressions(built.app), ...waiverSuppressions(built.app)] };
}

/** `rule address: message` of every violation the synth gate would report for `config`. */
export function configViolations(config: HipaaConfigInput): string[] {
  const { stacks, suppressions } = synthConfig(config);
  const result = evaluate(stacks, { suppressions, auditRetentionDays: parseConfig(config).auditRetentionDays });
  return violations(result).map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
}

/** A small configuration: a security account, one workload account, the given tenants. */
export function smallConfig(tenants: HipaaConfigInput['tenants'], extra: Partial<HipaaConfigInput> = {}): HipaaConfigInput {
  return {
    organization: 'org',
    accounts: [
      { name: 'security', id: '111111111111', purpose: 'security' },
      { name: 'workloads', id: '222222222222' },
    ],
    tenants,
    alarms: { email: ['security@example.com'] },
    ...extra,
  };
}
