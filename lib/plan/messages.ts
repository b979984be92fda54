/**
 * Every user-facing message of the planning layer, in one place. Each function returns a Problem
 * that names the user's field path, the bad value and the fix; both parties when two collide.
 */
import type { Problem } from '../errors';
import { HIPAA_MIN_RETENTION_DAYS } from '../retention';

/** A list of quoted names: `"a", "b" and "c"`. */
export function quoteList(names: readonly string[], limit = 6): string {
  const quoted = names.slice(0, limit).map((n) => `"${n}"`);
  if (names.length > limit) quoted.push(`${names.length - limit} more`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/* ---------------------------------------------------------------- config references */

export const retentionTooShort = (days: number): Problem => ({
  code: 'HIPAA_RETENTION_TOO_SHORT',
  path: 'auditRetentionDays',
  value: days,
  message: `${days} days is below the six years (${HIPAA_MIN_RETENTION_DAYS} days) HIPAA requires for documentation (45 CFR 164.316(b)(2))`,
  fix: `remove auditRetentionDays to keep the default, or add auditRetentionAcknowledgement: { reason: "..." } explaining why a shorter retention is acceptable`,
});

export const duplicateId = (what: 'tenant' | 'pool', path: string, id: string, firstPath: string): Problem => ({
  code: what === 'tenant' ? 'HIPAA_DUPLICATE_TENANT_ID' : 'HIPAA_DUPLICATE_POOL_ID',
  path,
  value: id,
  message: `${what} id "${id}" is already used by ${firstPath}`,
  fix: `give each ${what} a unique id; ids are part of names and Terraform addresses`,
});

export const tenantIdIsPoolId = (path: string, id: string, poolPath: string): Problem => ({
  code: 'HIPAA_TENANT_ID_IS_POOL_ID',
  path,
  value: id,
  message: `tenant id "${id}" is also the id of pool "${id}" (${poolPath}); tenants and pools share one namespace (VPCs, peerings and the placement lock are keyed by it)`,
  fix: `rename the tenant or the pool`,
});

export const duplicateAccount = (field: 'name' | 'id', path: string, value: string, firstPath: string): Problem => ({
  code: field === 'name' ? 'HIPAA_DUPLICATE_ACCOUNT_NAME' : 'HIPAA_DUPLICATE_ACCOUNT_ID',
  path,
  value,
  message: `account ${field} ${field === 'name' ? `"${value}"` : value} is already used by ${firstPath}`,
  fix:
    field === 'name'
      ? `give each account a unique name; names are used in stack names and pins`
      : `list each AWS account once; to cover more Regions, add them to that entry's regions`,
});

export const pooledWithoutPool = (path: string, id: string, pools: readonly string[]): Problem => ({
  code: 'HIPAA_POOLED_TENANT_WITHOUT_POOL',
  path: `${path}.pool`,
  value: undefined,
  message: `tenant "${id}" has mode "pooled" but names no pool`,
  fix: pools.length > 0 ? `set pool to one of ${quoteList(pools)}, or set mode: "dedicated"` : `add a pool under pools and set pool to its id, or set mode: "dedicated"`,
});

export const unknownPool = (path: string, id: string, pool: string, suggestion: string, pools: readonly string[]): Problem => ({
  code: 'HIPAA_UNKNOWN_POOL',
  path: `${path}.pool`,
  value: pool,
  message: `tenant "${id}" names pool "${pool}", which is not in pools${suggestion}`,
  fix: pools.length > 0 ? `use one of ${quoteList(pools)}, or add the pool under pools` : `add pool "${pool}" under pools`,
});

export const dedicatedWithPool = (path: string, id: string, pool: string): Problem => ({
  code: 'HIPAA_DEDICATED_TENANT_WITH_POOL',
  path: `${path}.pool`,
  value: pool,
  message: `tenant "${id}" is dedicated (its own VPC) but names pool "${pool}"`,
  fix: `remove pool, or set mode: "pooled" to place the tenant in pool "${pool}"`,
});

export const pooledOwnsNoVpc = (path: string, field: 'cidr' | 'egress', value: unknown, id: string, pool: string, poolPath: string): Problem => ({
  code: field === 'cidr' ? 'HIPAA_POOLED_TENANT_CIDR' : 'HIPAA_POOLED_TENANT_EGRESS',
  path: `${path}.${field}`,
  value,
  message: `tenant "${id}" is pooled and has no VPC of its own; it lives in pool "${pool}"'s VPC`,
  fix: `remove ${field}; set ${poolPath}.${field} to change the pool's VPC`,
});

export const pooledPlacementMismatch = (
  path: string,
  field: 'account' | 'region',
  value: string,
  id: string,
  pool: string,
  poolPath: string,
  poolValue: string | undefined,
): Problem => ({
  code: field === 'account' ? 'HIPAA_POOLED_TENANT_ACCOUNT' : 'HIPAA_POOLED_TENANT_REGION',
  path: `${path}.${field}`,
  value,
  message:
    poolValue === undefined
      ? `tenant "${id}" is pooled and lives where pool "${pool}" is placed, which is automatic (${poolPath}.${field} is not set)`
      : `tenant "${id}" is pooled and lives in pool "${pool}"'s ${field} "${poolValue}", not "${value}"`,
  fix: `remove ${field} from the tenant, or set ${poolPath}.${field}`,
});

/* ---------------------------------------------------------------- network and CIDRs */

/** Why a CIDR string is not a CIDR, by parse failure. */
export const CIDR_PARSE_REASONS = {
  malformed: 'is not an IPv4 CIDR such as 10.0.0.0/20',
  'octet-range': 'has an octet above 255',
  'prefix-range': 'has a prefix length above 32',
  'host-bits': 'has host bits set',
} as const;

/** The problem with a CIDR the user wrote that does not parse; `nearest` is the block it belongs to. */
export const cidrUnparsable = (path: string, label: string, value: string, reason: keyof typeof CIDR_PARSE_REASONS, nearest: string | undefined): Problem => ({
  code: 'HIPAA_CIDR_INVALID',
  path,
  value,
  message: `${label}: ${value} ${CIDR_PARSE_REASONS[reason]}${nearest ? ` (the block starts at ${nearest})` : ''}`,
  fix: nearest ? `use ${nearest}` : 'write a block such as 10.1.0.0/20, or remove cidr for automatic allocation',
});

export const supernetUnparsable = (value: string, reason: keyof typeof CIDR_PARSE_REASONS, nearest: string | undefined): Problem => ({
  code: 'HIPAA_SUPERNET_INVALID',
  path: 'network.supernet',
  value,
  message: `${value} ${CIDR_PARSE_REASONS[reason]}`,
  fix: nearest ? `use ${nearest}` : 'use a private block such as 10.0.0.0/8',
});

export const vpcPrefixOutsideSupernet = (prefix: number, supernet: string): Problem => ({
  code: 'HIPAA_VPC_PREFIX_LENGTH',
  path: 'network.vpcPrefixLength',
  value: prefix,
  message: `a /${prefix} VPC is larger than network.supernet ${supernet}`,
  fix: `use a vpcPrefixLength of at least ${supernet.split('/')[1]}, or widen network.supernet`,
});

export const vpcPrefixTooSmall = (prefix: number, maxPrefix: number): Problem => ({
  code: 'HIPAA_VPC_PREFIX_LENGTH',
  path: 'network.vpcPrefixLength',
  value: prefix,
  message: `a /${prefix} VPC cannot hold the subnet layout (3 tiers x 6 AZ slots) with subnets of at least /28, the AWS minimum`,
  fix: `use a vpcPrefixLength between 16 and ${maxPrefix}`,
});

export const cidrWrongSize = (path: string, label: string, value: string, minPrefix: number, maxPrefix: number): Problem => ({
  code: 'HIPAA_CIDR_SIZE',
  path,
  value,
  message: `${label}: ${value} is a /${value.split('/')[1]}; a VPC here must be between /${minPrefix} (the larger of the AWS maximum /16 and network.supernet) and /${maxPrefix} (the smallest VPC that holds the subnet layout)`,
  fix: `pin a block between /${minPrefix} and /${maxPrefix}, or remove cidr for automatic allocation`,
});

export const cidrOutsideSupernet = (path: string, label: string, value: string, supernet: string): Problem => ({
  code: 'HIPAA_CIDR_OUTSIDE_SUPERNET',
  path,
  value,
  message: `${label}: ${value} lies outside network.supernet ${supernet}`,
  fix: `pin a block inside ${supernet}, widen network.supernet, or remove cidr for automatic allocation`,
});

export const cidrOverlap = (
  path: string,
  label: string,
  value: string,
  otherLabel: string,
  otherCidr: string,
  otherWhere: string,
  suggestion: string | undefined,
  prefix: number,
): Problem => ({
  code: 'HIPAA_CIDR_OVERLAP',
  path,
  value,
  message: `${label} ${value} overlaps ${otherLabel} (${otherCidr}, ${otherWhere})`,
  fix:
    suggestion === undefined
      ? `no /${prefix} is free in network.supernet; widen the supernet or pin a block outside every other VPC`
      : `choose a free /${prefix} such as ${suggestion}, or remove cidr for automatic allocation`,
});

export const supernetFull = (supernet: string, prefix: number, labels: readonly string[], wider: string | undefined): Problem => ({
  code: 'HIPAA_SUPERNET_FULL',
  path: 'network.supernet',
  value: supernet,
  message: `${plural(labels.length, 'VPC')} (${labels.join(', ')}) find no free /${prefix} in ${supernet}: every block is in use`,
  fix: `${wider === undefined ? 'widen network.supernet' : `widen network.supernet (e.g. to ${wider})`}${
    prefix < 22 ? `, raise network.vpcPrefixLength above ${prefix} for smaller VPCs` : ''
  }, or remove tenants`,
});

/* ---------------------------------------------------------------- placement lock */

/** What can be wrong with the shape of a lock file. */
export const LOCK_SHAPE = {
  notObject: 'is not an object',
  version: 'must be 1 (this planner reads lock version 1)',
  vpcs: 'is not an object keyed by tenant or pool id',
  entry: 'is not an object with kind, cidr, account and region',
  kind: 'must be "tenant" or "pool"',
  cidr: 'is not an IPv4 CIDR such as 10.0.0.0/20',
  text: 'must be a non-empty string',
  unknownFields: 'has unknown fields',
} as const;

export const lockInvalid = (path: string, value: unknown, what: keyof typeof LOCK_SHAPE, detail = ''): Problem => ({
  code: 'HIPAA_LOCK_INVALID',
  path,
  value,
  message: `${LOCK_SHAPE[what]}${detail}`,
  fix: 'restore the lock file from version control, or delete the entry to let plan place the VPC again',
});

export const lockCidrOutsideSupernet = (id: string, label: string, ownerPath: string, cidr: string, supernet: string): Problem => ({
  code: 'HIPAA_LOCK_CIDR_OUTSIDE_SUPERNET',
  path: `lock.vpcs.${id}.cidr`,
  value: cidr,
  message: `the placement lock keeps ${label} at ${cidr}, outside network.supernet ${supernet}`,
  fix: `restore network.supernet, or pin ${ownerPath}.cidr to a block inside ${supernet} (moving a VPC replaces it)`,
});

export const lockOverlap = (id: string, label: string, cidr: string, otherLabel: string, otherCidr: string): Problem => ({
  code: 'HIPAA_LOCK_OVERLAP',
  path: `lock.vpcs.${id}.cidr`,
  value: cidr,
  message: `the placement lock keeps ${label} at ${cidr}, which overlaps ${otherLabel} (${otherCidr}, also in the lock)`,
  fix: `restore the lock file from version control; a lock written by plan never overlaps`,
});

export const lockAccountGone = (id: string, label: string, ownerPath: string, account: string, why: string): Problem => ({
  code: 'HIPAA_LOCK_ACCOUNT_GONE',
  path: `lock.vpcs.${id}.account`,
  value: account,
  message: `the placement lock keeps ${label} in account "${account}", which ${why}`,
  fix: `restore account "${account}", or pin ${ownerPath}.account to the account the VPC should move to (moving a VPC replaces it)`,
});

/* ---------------------------------------------------------------- accounts and quotas */

export const unknownAccount = (path: string, label: string, account: string, suggestion: string, workloads: readonly string[]): Problem => ({
  code: 'HIPAA_UNKNOWN_ACCOUNT',
  path,
  value: account,
  message: `${label} is pinned to account "${account}", which is not in accounts${suggestion}`,
  fix:
    workloads.length > 0
      ? `pin one of the workloads accounts ${quoteList(workloads)}, or remove account for automatic placement`
      : `add account "${account}" with purpose "workloads" under accounts`,
});

export const accountNotWorkloads = (path: string, label: string, account: string, purpose: string, accountPath: string): Problem => ({
  code: 'HIPAA_ACCOUNT_NOT_WORKLOADS',
  path,
  value: account,
  message: `${label} is pinned to account "${account}", whose purpose is "${purpose}" (${accountPath}.purpose); only workloads accounts receive tenants`,
  fix: `pin a workloads account, or remove account for automatic placement`,
});

export const accountRegionNotCovered = (path: string, label: string, account: string, region: string, accountPath: string): Problem => ({
  code: 'HIPAA_ACCOUNT_REGION_NOT_COVERED',
  path,
  value: account,
  message: `${label} runs in ${region}, which account "${account}" does not cover (not the home Region, not in ${accountPath}.regions)`,
  fix: `add "${region}" to ${accountPath}.regions, or pin an account that covers ${region}`,
});

export const regionNotCovered = (path: string, label: string, region: string, workloads: readonly { readonly name: string; readonly path: string }[]): Problem => ({
  code: 'HIPAA_REGION_NOT_COVERED',
  path,
  value: region,
  message: workloads.length === 0 ? `${label} needs a workloads account, and no account has purpose "workloads"` : `${label} runs in ${region}, which no workloads account covers`,
  fix:
    workloads.length === 0
      ? `add an account with purpose: "workloads" (the default purpose)`
      : `add "${region}" to ${workloads[0].path}.regions (account "${workloads[0].name}"), or add a workloads account covering ${region}`,
});

export const accountOverQuota = (accountPath: string, account: string, region: string, labels: readonly string[], quota: number, existing: number): Problem => ({
  code: 'HIPAA_ACCOUNT_OVER_QUOTA',
  path: `${accountPath}.vpcQuota`,
  value: quota,
  message: `account "${account}" must hold ${plural(labels.length, 'VPC')} in ${region} (${labels.join(', ')}, pinned or kept by the lock) plus ${existing} existing, but its quota is ${quota} VPCs per Region`,
  fix: `raise ${accountPath}.vpcQuota to at least ${labels.length + existing} (after the matching AWS Service Quota increase), or pin some of these VPCs to another account`,
});

export const regionOutOfCapacity = (
  region: string,
  labels: readonly string[],
  accounts: readonly { readonly name: string; readonly used: number; readonly capacity: number }[],
  perNewAccount: number,
  defaultQuota: number,
): Problem => {
  const count = labels.length;
  const state =
    accounts.length === 0
      ? `no workloads account covers ${region}`
      : `the workloads accounts covering it are full (${accounts.map((a) => `${a.name} ${a.used}/${a.capacity}`).join(', ')})`;
  const addAccounts =
    perNewAccount > 0
      ? `add ${plural(Math.ceil(count / perNewAccount), 'more workloads account')} covering ${region} (at network.vpcQuotaPerRegion ${defaultQuota}, each holds ${perNewAccount} after its default VPC)`
      : `raise network.vpcQuotaPerRegion (now ${defaultQuota}, which leaves no room after the default VPC) and add a workloads account covering ${region}`;
  const raise =
    accounts.length > 0 ? `, or raise vpcQuota by ${count} in total across ${quoteList(accounts.map((a) => a.name))} (after the matching AWS Service Quota increase)` : '';
  return {
    code: 'HIPAA_REGION_OUT_OF_CAPACITY',
    path: 'accounts',
    value: region,
    message: `${plural(count, 'VPC')} ${count === 1 ? 'does' : 'do'} not fit in ${region} (${labels.join(', ')}): ${state}`,
    fix: `${addAccounts}${raise}`,
  };
};

/* ---------------------------------------------------------------- peering */

export const peerFromPooled = (path: string, id: string, peers: readonly string[], poolPath: string | undefined): Problem => ({
  code: 'HIPAA_PEER_FROM_POOLED_TENANT',
  path: `${path}.peers`,
  value: peers,
  message: `tenant "${id}" is pooled and cannot declare peers: peering connects VPCs, and it lives in its pool's VPC`,
  fix: `move these peers to ${poolPath === undefined ? 'the peers of its pool' : `${poolPath}.peers`} (they then apply to every tenant of the pool)`,
});

export const peerUnknown = (path: string, label: string, peer: string, suggestion: string): Problem => ({
  code: 'HIPAA_PEER_UNKNOWN',
  path,
  value: peer,
  message: `${label} peers with "${peer}", which is neither a tenant nor a pool${suggestion}`,
  fix: `name the id of a dedicated tenant or a pool, or remove the peer`,
});

export const peerIsPooledTenant = (path: string, label: string, peer: string, pool: string): Problem => ({
  code: 'HIPAA_PEER_POOLED_TENANT',
  path,
  value: peer,
  message: `${label} peers with tenant "${peer}", which is pooled and has no VPC of its own`,
  fix: `peer with its pool "${pool}" instead`,
});

export const peerSelf = (path: string, label: string): Problem => ({
  code: 'HIPAA_PEER_SELF',
  path,
  value: label.replace(/^\w+ "(.*)"$/, '$1'),
  message: `${label} peers with itself`,
  fix: `remove the peer; a VPC reaches itself without peering`,
});

export const peerDuplicate = (path: string, label: string, peer: string, firstPath: string): Problem => ({
  code: 'HIPAA_PEER_DUPLICATE',
  path,
  value: peer,
  message: `${label} declares peer "${peer}" twice (first at ${firstPath})`,
  fix: `merge the two entries into one and list all ports there`,
});

export const peerCidrOverlap = (path: string, label: string, cidr: string, peerLabel: string, peerCidr: string): Problem => ({
  code: 'HIPAA_PEER_CIDR_OVERLAP',
  path,
  value: peerLabel.replace(/^\w+ "(.*)"$/, '$1'),
  message: `${label} (${cidr}) and ${peerLabel} (${peerCidr}) have overlapping CIDRs; AWS cannot peer them`,
  fix: `give one of them a disjoint cidr (moving a VPC replaces it), or remove the peer`,
});

export const peeringLimit = (path: string, label: string, count: number, limit: number, peers: readonly string[]): Problem => ({
  code: 'HIPAA_PEERING_LIMIT',
  path: `${path}.peers`,
  value: count,
  message: `${label} would have ${count} active peering connections (${quoteList(peers)}); AWS allows ${limit} per VPC`,
  fix: `remove ${count - limit} of them, or connect these VPCs through a Transit Gateway`,
});

/* ---------------------------------------------------------------- names */

export const nameTooLong = (path: string, value: string, what: string, name: string, limit: number, maxIdLength: number, sharedField: string): Problem => ({
  code: 'HIPAA_NAME_TOO_LONG',
  path,
  value,
  message: `makes the ${what} "${name}" ${name.length} characters; at most ${limit} are allowed`,
  fix: maxIdLength >= 2 ? `shorten it to at most ${maxIdLength} characters, or shorten ${sharedField}` : `shorten ${sharedField}; no id fits the ${what} limit with it`,
});

export const nameInvalid = (path: string, value: string, what: string, name: string, rule: string, fix: string): Problem => ({
  code: 'HIPAA_NAME_INVALID',
  path,
  value,
  message: `makes the ${what} "${name}", but ${rule}`,
  fix,
});

export const doubleHyphen = (path: string, value: string): Problem => ({
  code: 'HIPAA_NAME_DOUBLE_HYPHEN',
  path,
  value,
  message: `"${value}" contains "--", which RDS identifiers forbid and which joins the two ids of a peering connection (peering-<a>--<b>)`,
  fix: `use single hyphens, e.g. "${value.replace(/-{2,}/g, '-')}"`,
});
