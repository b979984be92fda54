/**
 * Names: stack names (stable, lowercase, one Terraform Cloud workspace each) and the AWS names a
 * tenant's resources get, with the checks that every derived name fits AWS's limits. Names are
 * derived here once, so the stacks use exactly the names that were checked.
 */
import type { HipaaConfig } from '../config/schema';
import type { Problem } from '../errors';
import { doubleHyphen, nameInvalid, nameTooLong } from './messages';
import { vpcOwners } from './owners';
import type { TenantResourceNames } from './types';

/** Stack of a dedicated tenant. */
export const tenantStackName = (id: string): string => `tenant-${id}`;
/** Stack of a pool (its VPC and its pooled tenants). */
export const poolStackName = (id: string): string => `pool-${id}`;
/** Stack of a peering connection, by connection id (`a--b`). */
export const peeringStackName = (connectionId: string): string => `peering-${connectionId}`;
/** Stack of an account's baseline. */
export const baselineStackName = (accountName: string): string => `baseline-${accountName}`;

/** The id of the connection between two VPCs: both ids sorted and joined by `--` (`acme--beta`). */
export function peeringConnectionId(a: string, b: string): string {
  return [a, b].sort().join('--');
}

/** The AWS names of a tenant's resources. */
export function tenantResourceNames(organization: string, tenantId: string, accountId: string, region: string): TenantResourceNames {
  return {
    bastionRoleName: `${organization}-${tenantId}-bastion`,
    dbIdentifier: `${organization}-${tenantId}-db`,
    kmsAlias: `alias/${organization}/${tenantId}/data`,
    bucketName: `${organization}-${tenantId}-${accountId}-${region}`,
  };
}

/** The kinds of names checked against AWS (and Terraform Cloud) limits. */
export type NameKind = 'iamRole' | 'rdsIdentifier' | 'kmsAlias' | 's3Bucket' | 'tfcWorkspace';

interface NameRule {
  /** How messages call the name. */
  readonly what: string;
  readonly maxLength: number;
  /** Other rules: [broken when, what the rule says]. */
  readonly rules: readonly (readonly [(name: string) => boolean, string])[];
}

/** AWS limits on each kind of name. */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  iamRole: {
    what: 'IAM role name',
    maxLength: 64,
    rules: [[(n) => !/^[\w+=,.@-]+$/.test(n), 'IAM role names allow only letters, digits and +=,.@_-']],
  },
  rdsIdentifier: {
    what: 'RDS DB identifier',
    maxLength: 63,
    rules: [
      [(n) => !/^[a-z][a-z0-9-]*$/.test(n), 'RDS identifiers start with a letter and hold only lowercase letters, digits and hyphens'],
      [(n) => n.includes('--'), 'RDS identifiers cannot contain two consecutive hyphens'],
      [(n) => n.endsWith('-'), 'RDS identifiers cannot end with a hyphen'],
    ],
  },
  kmsAlias: {
    what: 'KMS alias',
    maxLength: 256,
    rules: [
      [(n) => !/^alias\/[A-Za-z0-9/_-]+$/.test(n), 'KMS aliases are alias/ followed by letters, digits and /_-'],
      [(n) => n.startsWith('alias/aws/'), 'the alias/aws/ prefix is reserved for AWS managed keys'],
    ],
  },
  s3Bucket: {
    what: 'S3 bucket name',
    maxLength: 63,
    rules: [
      [(n) => !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(n), 'bucket names hold lowercase letters, digits, dots and hyphens, and start and end with a letter or digit'],
      [(n) => n.length < 3, 'bucket names have at least 3 characters'],
      [(n) => n.includes('..'), 'bucket names cannot contain two adjacent dots'],
      [(n) => /^\d+\.\d+\.\d+\.\d+$/.test(n), 'bucket names cannot look like an IP address'],
      [(n) => /^(xn--|sthree-|amzn-s3-demo-)/.test(n), 'bucket names cannot start with xn--, sthree- or amzn-s3-demo-'],
      [(n) => /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(n), 'bucket names cannot end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'],
    ],
  },
  tfcWorkspace: {
    what: 'Terraform Cloud workspace name',
    maxLength: 90,
    rules: [[(n) => !/^[A-Za-z0-9_-]+$/.test(n), 'workspace names allow only letters, digits, _ and -']],
  },
};

/** What is wrong with a name of the given kind: `tooLong`, and the text of every other rule it breaks. */
export function checkName(kind: NameKind, name: string): { readonly tooLong: boolean; readonly broken: readonly string[] } {
  const rule = NAME_RULES[kind];
  return { tooLong: name.length > rule.maxLength, broken: rule.rules.filter(([breaks]) => breaks(name)).map(([, text]) => text) };
}

/** The Terraform Cloud workspace of a stack: `<workspacePrefix or organization>-<stack>`. */
export function workspaceName(config: HipaaConfig, stackName: string): string {
  return workspaceNameOf(config.backend, config.organization, stackName);
}

/** A stack's Terraform Cloud workspace: `<workspacePrefix, or the organization>-<stack>`. */
export function workspaceNameOf(backend: HipaaConfig['backend'], organization: string, stackName: string): string {
  const prefix = backend.type === 'tfc' ? (backend.workspacePrefix ?? organization) : organization;
  return `${prefix}-${stackName}`;
}

/** One name derived from a user field (`path`, `value`), to be checked. */
interface DerivedName {
  readonly path: string;
  readonly value: string;
  readonly kind: NameKind;
  readonly name: string;
}

function problemsOf(derived: DerivedName): Problem[] {
  const { path, value, kind, name } = derived;
  const rule = NAME_RULES[kind];
  const { tooLong, broken } = checkName(kind, name);
  const problems: Problem[] = [];
  const shared = kind === 'tfcWorkspace' ? 'backend.workspacePrefix' : 'organization';
  if (tooLong) {
    problems.push(nameTooLong(path, value, rule.what, name, rule.maxLength, value.length - (name.length - rule.maxLength), shared));
  }
  for (const text of broken) {
    problems.push(nameInvalid(path, value, rule.what, name, text, `change ${path} or ${shared} so that the name follows this rule`));
  }
  return problems;
}

const PLACEHOLDER_ACCOUNT_ID = '000000000000';

/**
 * Problems with names derived from ids: double hyphens, and names over AWS limits (account ids are
 * always 12 digits, so bucket names are checked before placement). One problem per name and rule.
 */
export function namingProblems(config: HipaaConfig): Problem[] {
  const problems: Problem[] = [];
  const org = config.organization;
  const ids: { readonly path: string; readonly value: string }[] = [
    { path: 'organization', value: org },
    ...config.pools.map((p, i) => ({ path: `pools[${i}].id`, value: p.id })),
    ...config.tenants.map((t, i) => ({ path: `tenants[${i}].id`, value: t.id })),
  ];
  const doubled = new Set<string>();
  for (const { path, value } of ids) {
    if (value.includes('--')) {
      problems.push(doubleHyphen(path, value));
      doubled.add(path);
    }
  }
  if (doubled.has('organization')) return problems;

  const derived: DerivedName[] = [];
  const firstWorkloads = config.accounts.find((a) => a.purpose === 'workloads');
  config.tenants.forEach((t, i) => {
    const path = `tenants[${i}].id`;
    if (doubled.has(path)) return;
    const pool = t.mode === 'pooled' ? config.pools.find((p) => p.id === t.pool) : undefined;
    const region = (pool ? pool.region : t.region) ?? config.homeRegion;
    const pin = pool ? pool.account : t.account;
    const accountId = config.accounts.find((a) => a.name === pin)?.id ?? firstWorkloads?.id ?? PLACEHOLDER_ACCOUNT_ID;
    const names = tenantResourceNames(org, t.id, accountId, region);
    derived.push(
      { path, value: t.id, kind: 'iamRole', name: names.bastionRoleName },
      { path, value: t.id, kind: 'rdsIdentifier', name: names.dbIdentifier },
      { path, value: t.id, kind: 'kmsAlias', name: names.kmsAlias },
      { path, value: t.id, kind: 's3Bucket', name: names.bucketName },
    );
  });

  if (config.backend.type === 'tfc') {
    config.accounts.forEach((a, i) => {
      derived.push({ path: `accounts[${i}].name`, value: a.name, kind: 'tfcWorkspace', name: workspaceName(config, baselineStackName(a.name)) });
    });
    const owners = vpcOwners(config);
    const ownerIds = new Set(owners.map((o) => o.id));
    const seen = new Set<string>();
    for (const owner of owners) {
      const stack = owner.kind === 'pool' ? poolStackName(owner.id) : tenantStackName(owner.id);
      derived.push({ path: `${owner.path}.id`, value: owner.id, kind: 'tfcWorkspace', name: workspaceName(config, stack) });
      owner.peers.forEach((peer, j) => {
        if (!ownerIds.has(peer.tenant) || peer.tenant === owner.id) return;
        const connection = peeringConnectionId(owner.id, peer.tenant);
        if (seen.has(connection)) return;
        seen.add(connection);
        derived.push({
          path: `${owner.path}.peers[${j}].tenant`,
          value: peer.tenant,
          kind: 'tfcWorkspace',
          name: workspaceName(config, peeringStackName(connection)),
        });
      });
    }
  }

  for (const d of derived) problems.push(...problemsOf(d));
  return problems;
}
