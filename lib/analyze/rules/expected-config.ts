/**
 * Expected AWS Config results: the conformance pack deployed by the baseline runs AWS managed
 * rules over every resource of the account, and some of them flag resources we emit on purpose.
 * Each such result is predicted here, with its reason, so the compliance report shows it before an
 * auditor discovers it in the Config console.
 *
 * Two sources, both data:
 * - every suppressed finding (suppress() or a construct waiver) of a rule that maps to an AWS Config
 *   rule: Config does not see our suppressions, so it reports the resource NON_COMPLIANT;
 * - CONFIG_SCOPE_DIFFERENCES: where the AWS managed rule checks more than our synth-time rule (it
 *   evaluates every bucket, or knows no exemption we make), a model of what it flags and why.
 */
import { auditRole, configOf, linkedTo } from './checks/s3';
import type { RuleContext } from './rule';
import type { ExpectedConfigResult, Finding, Resource, RuleMetadata } from './types';
import { blocks, bool } from '../../terraform/values';

/** A place where an AWS managed rule is stricter than the synth-time rule mapped to it. */
export interface ConfigScopeDifference {
  readonly id: string;
  readonly configRule: string;
  readonly resourceType: string;
  /**
   * The conformance pack that contains the rule: ours (generated from the rule registry) or only
   * AWS's sample "Operational Best Practices for HIPAA Security" pack.
   */
  readonly pack: 'generated' | 'aws-hipaa-sample';
  /** The reason when AWS Config would flag `r`, else undefined. */
  readonly flags: (r: Resource, ctx: RuleContext) => string | undefined;
}

function isLogDestination(ctx: RuleContext, bucket: Resource): boolean {
  return linkedTo(ctx, bucket, 'aws_s3_bucket_logging', 'target_bucket').length > 0;
}

export const CONFIG_SCOPE_DIFFERENCES: readonly ConfigScopeDifference[] = [
  {
    id: 'lock-outside-audit-buckets',
    configRule: 's3-bucket-default-lock-enabled',
    resourceType: 'aws_s3_bucket',
    pack: 'generated',
    // The managed rule checks every bucket; HIPAA-S3-010 applies to buckets that receive audit
    // records (which, unlocked, are suppressed and listed from the suppression instead).
    flags: (r, ctx) =>
      bool(r.config.object_lock_enabled) !== true && auditRole(ctx, r) === undefined
        ? 'AWS Config checks Object Lock on every bucket; HIPAA-S3-010 requires it only where audit records land, and this bucket receives none (versioning and AWS Backup protect it)'
        : undefined,
  },
  {
    id: 'logging-of-log-destinations',
    configRule: 's3-bucket-logging-enabled',
    resourceType: 'aws_s3_bucket',
    pack: 'generated',
    // HIPAA-S3-006 passes a server access log destination; the managed rule does not know that exemption.
    flags: (r, ctx) =>
      configOf(ctx, r, 'aws_s3_bucket_logging') === undefined && blocks(r.config.logging).length === 0 && isLogDestination(ctx, r)
        ? 'This is the server access log destination: logging it into itself would loop (the S3 User Guide advises against it); reads of it are recorded by CloudTrail data events where the trail selects them (the baseline trail does)'
        : undefined,
  },
  {
    id: 'people-group-without-users',
    configRule: 'iam-group-has-users-check',
    resourceType: 'aws_iam_group',
    pack: 'aws-hipaa-sample',
    flags: (r, ctx) =>
      ctx.referencing(r, ['aws_iam_group_membership', 'aws_iam_user_group_membership']).length === 0
        ? 'The baseline creates no IAM users; the group exists so that the people your identity process adds to it get the MFA-enforcement policy, and it is empty until then'
        : undefined,
  },
];

/**
 * The expected AWS Config results for evaluated findings, suppressions applied. Scope differences
 * count for the Config rules the evaluated rules deploy, and the sample-pack ones with `samplePack`.
 */
export function expectedConfigResults(
  findings: readonly Finding[],
  rules: readonly RuleMetadata[],
  byType: ReadonlyMap<string, readonly Resource[]>,
  ctx: RuleContext,
  opts: { readonly samplePack: boolean },
): ExpectedConfigResult[] {
  const configRuleOf = new Map(rules.filter((r) => r.configRule !== undefined).map((r) => [r.id, r.configRule as string]));
  const deployed = new Set(configRuleOf.values());
  const out: ExpectedConfigResult[] = [];
  const seen = new Set<string>();
  const add = (e: ExpectedConfigResult) => {
    const key = `${e.configRule}|${e.stack ?? ''}|${e.address}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(e);
  };
  for (const f of findings) {
    const configRule = configRuleOf.get(f.ruleId);
    if (configRule === undefined || f.status !== 'non_compliant' || f.suppression === undefined) continue;
    add({
      configRule,
      ...(f.stack !== undefined ? { stack: f.stack } : {}),
      address: f.address,
      ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
      reason: f.suppression.reason,
      source: `${f.ruleId} ${f.suppression.source}`,
    });
  }
  for (const d of CONFIG_SCOPE_DIFFERENCES) {
    if (d.pack === 'generated' ? !deployed.has(d.configRule) : !opts.samplePack) continue;
    for (const r of byType.get(d.resourceType) ?? []) {
      const reason = d.flags(r, ctx);
      if (reason === undefined) continue;
      add({
        configRule: d.configRule,
        stack: r.stack,
        address: r.address,
        ...(r.constructPath !== undefined ? { constructPath: r.constructPath } : {}),
        reason,
        source: d.pack === 'generated' ? `scope difference ${d.id}` : `scope difference ${d.id} (AWS sample HIPAA pack only)`,
      });
    }
  }
  return out.sort((a, b) => a.configRule.localeCompare(b.configRule) || (a.stack ?? '').localeCompare(b.stack ?? '') || a.address.localeCompare(b.address));
}
