import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
export { type TfJson, synthJson, resourcesOf, resourceNamed, nameOf } from '../util/synth';
import { HipaaStack, HipaaStackProps } from '../../stacks/hipaa-stack';
import { DeploymentTarget, resolveDeploymentTarget } from '../../lib/constructs/kernel/context';
import { HipaaKey } from '../../lib/constructs/security/hipaa-key';
import { HipaaDatabase } from '../../lib/constructs/data/hipaa-database';
import { HipaaBackupPlan, HipaaBackupVault } from '../../lib/constructs/data/backup';
import { Bastion, bastionOutputs } from '../../lib/constructs/access/bastion';
import { HipaaSecret } from '../../lib/constructs/secrets/hipaa-secret';

/** Synthesized Terraform JSON of one stack. */

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export const DATA_STACK_PROPS: HipaaStackProps = {
  account: { name: 'workloads', id: ACCOUNT, roleName: 'Deployer' },
  region: REGION,
  backend: { type: 'local' },
  tags: { ManagedBy: 'test', Environment: 'test' },
  organization: 'org',
};

export const TARGET: DeploymentTarget = resolveDeploymentTarget({ accountId: ACCOUNT, region: REGION }, 'test target');

/** A fresh stack with the tenant key every data construct uses. */
export function dataStack(name = 'data'): { stack: HipaaStack; key: HipaaKey } {
  const stack = new HipaaStack(Testing.app(), name, DATA_STACK_PROPS);
  const key = new HipaaKey(stack, 'TenantKey', { target: TARGET, alias: 'org/acme', description: 'acme tenant data' });
  return { stack, key };
}

/** `${type.name.attr}`. */
export function ref(type: string, name: string, attr: string): string {
  return `\${${type}.${name}.${attr}}`;
}

/** A policy string parsed as AWS will read it (Terraform turns `$${` back into `${`). */
export interface ParsedPolicy {
  Statement: Array<Record<string, unknown> & { Sid: string }>;
}

export function policyOf(text: unknown): ParsedPolicy {
  return JSON.parse(String(text).replace(/\$\$\{/g, `\${`)) as ParsedPolicy;
}

export function statement(policy: ParsedPolicy, sid: string): Record<string, unknown> {
  const s = policy.Statement.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid} in ${policy.Statement.map((x) => x.Sid).join(', ')}`);
  return s;
}

/** Runs `fn` and returns the codes of the HipaaValidationError it throws. */
export function errorCodes(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    const problems = (e as { problems?: Array<{ code: string }> }).problems;
    if ((e as Error).name === 'HipaaValidationError' && problems) return problems.map((p) => p.code);
    throw e;
  }
  throw new Error('expected a HipaaValidationError, but nothing was thrown');
}

/** A whole tenant data tier: two databases, backups with a DR copy, the bastion and a secret. */
export function tenantDataTier() {
  const { stack, key } = dataStack('tenant-acme');
  const common = { tenantId: 'acme', key, vpcId: 'vpc-0123456789abcdef0', dataSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'] };
  const pg = new HipaaDatabase(stack, 'Main', { ...common, identifier: 'acme-main', allowedSecurityGroupIds: { app: 'sg-0123456789abcdef0' } });
  const my = new HipaaDatabase(stack, 'Legacy', { ...common, identifier: 'acme-legacy', engine: 'mysql' });
  const vault = new HipaaBackupVault(stack, 'Vault', { vaultName: 'acme-backups', tenantId: 'acme', key });
  const monthlyVault = new HipaaBackupVault(stack, 'MonthlyVault', { vaultName: 'acme-backups-monthly', tenantId: 'acme', key, lock: { minRetentionDays: 2192 } });
  new HipaaBackupPlan(stack, 'Backups', {
    planName: 'acme-databases',
    tenantId: 'acme',
    vault,
    monthlyVault,
    copyTo: { destinationVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:acme-dr' },
  });
  const bastion = new Bastion(stack, 'Bastion', {
    namePrefix: 'org-acme',
    tenantId: 'acme',
    key,
    vpcId: common.vpcId,
    subnetId: 'subnet-0bbbbbbbbbbbbbbb1',
    vpcCidr: '10.1.0.0/16',
  });
  bastion.allowDatabase(pg);
  bastion.allowDatabase(my);
  bastionOutputs(stack, bastion, pg);
  bastionOutputs(stack, bastion, my, { prefix: 'legacy_' });
  new HipaaSecret(stack, 'PartnerKey', {
    secretName: 'acme/app/partner-api-key',
    description: 'Partner API key',
    tenantId: 'acme',
    key,
    allowedPrincipalArns: ['arn:aws:iam::123456789012:role/acme-app'],
    rotation: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:acme-rotate' },
  });
  return stack;
}
