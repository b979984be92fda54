/**
 * Checks of single options that the schema's shape cannot express: the Availability Zones a Region
 * really has, one partition per configuration, S3 state bucket naming, and AWS tag rules. Plain
 * functions from a parsed config to Problems; `configProblems` runs them with the other checks.
 */
import type { HipaaConfig } from '../config/schema';
import { availabilityZoneOf, isAwsRegion, maxAzCount, partitionOf } from '../config/regions';
import type { Problem } from '../errors';
import { messages } from '../messages';
import { formatPath } from '../config/load';
import { vpcOwners } from './owners';
import { CLOUDWATCH_RETENTION_DAYS } from '../retention';

/**
 * The shortest audit retention the synth can meet: the audit buckets move objects to Glacier after
 * 90 days, and S3 requires a lifecycle transition to come before the expiration.
 */
export const MIN_REACHABLE_RETENTION_DAYS = 91;
/** The longest: CloudWatch Logs' longest listed retention (never-expire is deliberately not used). */
export const MAX_REACHABLE_RETENTION_DAYS = CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];

/** auditRetentionDays inside what the buckets and log groups can keep. */
export function retentionProblems(config: HipaaConfig): Problem[] {
  const days = config.auditRetentionDays;
  // Without an acknowledgement, anything below six years is already HIPAA_RETENTION_TOO_SHORT.
  if (days < MIN_REACHABLE_RETENTION_DAYS && config.auditRetentionAcknowledgement !== undefined) {
    return [
      messages.retentionUnreachable(
        'auditRetentionDays',
        days,
        `the audit buckets move objects to Glacier after 90 days, and S3 needs that transition before the ${days}-day expiration`,
        `use at least ${MIN_REACHABLE_RETENTION_DAYS} days (with the acknowledgement), or the default 2192`,
      ),
    ];
  }
  if (days > MAX_REACHABLE_RETENTION_DAYS) {
    return [
      messages.retentionUnreachable(
        'auditRetentionDays',
        days,
        `CloudWatch Logs keeps log events at most ${MAX_REACHABLE_RETENTION_DAYS} days (ten years), so the log groups could not hold ${days} days`,
        `use at most ${MAX_REACHABLE_RETENTION_DAYS} days; 2192 (six years) is the default`,
      ),
    ];
  }
  return [];
}

/** network.azCount must fit every Region a VPC is planned in. */
export function azCountProblems(config: HipaaConfig): Problem[] {
  const azCount = config.network.azCount;
  const byRegion = new Map<string, string[]>();
  for (const owner of vpcOwners(config)) byRegion.set(owner.region, [...(byRegion.get(owner.region) ?? []), owner.path]);
  const problems: Problem[] = [];
  for (const [region, owners] of byRegion) {
    if (!isAwsRegion(region) || azCount <= maxAzCount(region)) continue;
    const zones = Array.from({ length: maxAzCount(region) }, (_, i) => availabilityZoneOf(region, i) as string);
    problems.push(messages.azCountOverRegion('network.azCount', azCount, region, zones, owners));
  }
  return problems;
}

/** Every Region of the configuration is in the home Region's partition. */
export function partitionProblems(config: HipaaConfig): Problem[] {
  const home = config.homeRegion;
  const homePartition = partitionOf(home);
  const regions: Array<[string, string | undefined]> = [
    ...config.accounts.flatMap((a, i) => a.regions.map((r, j): [string, string] => [`accounts[${i}].regions[${j}]`, r])),
    ...config.pools.map((p, i): [string, string | undefined] => [`pools[${i}].region`, p.region]),
    ...config.tenants.map((t, i): [string, string | undefined] => [`tenants[${i}].region`, t.region]),
  ];
  return regions
    .filter((entry): entry is [string, string] => entry[1] !== undefined && partitionOf(entry[1]) !== homePartition)
    .map(([path, region]) => messages.partitionMismatch(path, region, partitionOf(region), home, homePartition));
}

const BUCKET_SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

/** Why `name` is not a general purpose bucket name (Amazon S3 "Bucket naming rules"), or undefined. */
export function bucketNameIssue(name: string): string | undefined {
  if (!BUCKET_SHAPE.test(name)) return 'it must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';
  if (name.includes('..')) return 'it must not contain two adjacent periods';
  if (IP_LIKE.test(name)) return 'it must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `the prefix "${prefix}" is reserved`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `the suffix "${suffix}" is reserved`;
  return undefined;
}

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK_ID = /^mrk-[0-9a-f]{32}$/;
const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const KMS_ARN = /^arn:(aws[a-z-]*):kms:[a-z0-9-]+:\d{12}:(key\/.+|alias\/[A-Za-z0-9/_-]{1,250})$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Why `id` cannot name the state key (KMS key id, key ARN, alias name or alias ARN), or undefined. */
function kmsKeyIssue(id: string, region: string): string | undefined {
  if (KEY_ID.test(id) || MRK_ID.test(id) || ALIAS.test(id)) return undefined;
  const arn = KMS_ARN.exec(id);
  if (!arn) return 'it is neither a key id, a KMS key or alias ARN, nor "alias/<name>"';
  if (arn[1] !== partitionOf(region)) return `the ARN is in partition ${arn[1]}, backend.region ${region} in ${partitionOf(region)}`;
  return undefined;
}

/** The S3 backend's bucket, state key prefix, KMS key and role. */
export function backendProblems(config: HipaaConfig): Problem[] {
  const backend = config.backend;
  if (backend.type !== 's3') return [];
  const problems: Problem[] = [];
  const url = /^s3:\/\/([^/]*)(\/.*)?$/i.exec(backend.bucket);
  if (url) {
    problems.push(messages.backendBucketUrl('backend.bucket', backend.bucket, url[1]));
  } else {
    const issue = bucketNameIssue(backend.bucket);
    if (issue) problems.push(messages.backendBucketName('backend.bucket', backend.bucket, issue));
  }
  const kmsIssue = kmsKeyIssue(backend.kmsKeyId, backend.region);
  if (kmsIssue) problems.push(messages.backendKmsKey('backend.kmsKeyId', backend.kmsKeyId, kmsIssue));
  if (backend.roleArn !== undefined && !ROLE_ARN.test(backend.roleArn)) problems.push(messages.backendRole('backend.roleArn', backend.roleArn));
  if (backend.keyPrefix.length > 900 || !KEY_PREFIX.test(backend.keyPrefix)) problems.push(messages.backendKeyPrefix('backend.keyPrefix', backend.keyPrefix));
  return problems;
}

/** Letters, digits and spaces in any script, and _ . : / = + - @ (AWS tagging rules). */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function tagMapProblems(tags: Record<string, string>, base: readonly (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const path = formatPath([...base, key]);
    const keyIssue =
      key.length < 1 || key.length > 128
        ? `${key.length} characters (1 to 128 allowed)`
        : /^aws:/i.test(key)
          ? 'the "aws:" prefix is reserved for AWS'
          : !TAG_CHARS.test(key)
            ? 'it contains a character tags do not allow'
            : undefined;
    if (keyIssue) problems.push(messages.tagKeyInvalid(path, key, keyIssue));
    const valueIssue = value.length > 256 ? `${value.length} characters (at most 256 allowed)` : !TAG_CHARS.test(value) ? 'it contains a character tags do not allow' : undefined;
    if (valueIssue) problems.push(messages.tagValueInvalid(path, value, valueIssue));
  }
  return problems;
}

/** The configuration's and every tenant's tags. */
export function tagProblems(config: HipaaConfig): Problem[] {
  return [...tagMapProblems(config.tags, ['tags']), ...config.tenants.flatMap((t, i) => tagMapProblems(t.tags, ['tenants', i, 'tags']))];
}

/** Every option problem of a parsed config. */
export function optionProblems(config: HipaaConfig): Problem[] {
  return [...retentionProblems(config), ...azCountProblems(config), ...partitionProblems(config), ...backendProblems(config), ...tagProblems(config)];
}
