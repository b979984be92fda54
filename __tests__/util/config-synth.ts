import * as os from 'os';
import { buildApp } from '../../stacks/app';
import { parseConfig } from '../../lib/config/load';
import type { HipaaConfigInput } from '../../lib/config/schema';
import { evaluate, HIPAA_PACK, recordedCompliance, violations, type StackDocument, type Suppression, type TerraformJson } from '../../lib/analyze/rules';

/** The stacks a configuration synthesizes to, in memory, with the suppressions they record in their metadata. */
export function synthConfig(config: HipaaConfigInput): { stacks: StackDocument[]; suppressions: Suppression[] } {
  const built = buildApp(parseConfig(config), { outdir: os.tmpdir() });
  const stacks = built.stacks.map((s) => {
    s.prepareStack();
    return { name: s.stackName, json: s.toTerraform() as TerraformJson };
  });
  return { stacks, suppressions: recordedCompliance(stacks, new Set(HIPAA_PACK.rules.map((r) => r.id))).suppressions };
}

/** `rule address: message` of every violation the synth gate would report for `config`. */
export function configViolations(config: HipaaConfigInput): string[] {
  const { stacks, suppressions } = synthConfig(config);
  const result = evaluate(stacks, { suppressions, recordedSuppressions: false, auditRetentionDays: parseConfig(config).auditRetentionDays });
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
