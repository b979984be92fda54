/**
 * The engine: index the documents once, run every rule over the resource types it names (and every
 * account group for account rules), then apply suppressions. Pure and in-memory.
 */
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../retention';
import type { AccountGroup, ComplianceIndex, ModuleIndex } from '../../terraform/model';
import { buildIndex, UNKNOWN_ACCOUNT } from '../../terraform/model';
import { HIPAA_PACK } from './packs/hipaa';
import { createContext, undecided, type Rule } from './rule';
import { expectedConfigResults } from './expected-config';
import { applied, covers, isExpired, recordedCompliance, suppressionKey, validateSuppressions } from './suppressions';
import { recordingDynamicReads, watchDynamicBlocks } from './dynamic';
import type { AccountSummary, ComplianceResult, Finding, Resource, RuleMetadata, StackDocument, Suppression, Verdict } from './types';

/** Which account groups account-level rules run for. */
export type AccountRulesMode = 'auto' | 'always' | 'never';

export interface EvaluateOptions {
  /**
   * Suppressions besides those the stacks record in their `"//".hipaa` metadata (construct
   * suppressions, waivers and configuration suppressions written at synth).
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
  /**
   * Read the suppressions and waivers recorded in the stacks' metadata. Turn off to see what the
   * output would report without them.
   * @default true
   */
  readonly recordedSuppressions?: boolean;
  /**
   * The date expiries are compared with.
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * Audit retention in days; log, object-lock and backup retention rules compare against it.
   * @default - the retention the stacks record (the largest, if they differ), else 2192
   */
  readonly auditRetentionDays?: number;
  /**
   * The rules to run.
   * @default - the HIPAA pack
   */
  readonly rules?: readonly Rule[];
  /**
   * `auto`: account rules run for accounts whose stacks contain an account baseline resource
   * (a trail, GuardDuty, Security Hub, Config recorder, password policy, EBS default encryption or
   * account public access block); `always`: for every account; `never`: not at all.
   * @default 'auto'
   */
  readonly accountRules?: AccountRulesMode;
}

/** Resource types whose presence marks an account baseline: account rules then apply. */
export const ACCOUNT_BASELINE_TYPES = [
  'aws_cloudtrail',
  'aws_guardduty_detector',
  'aws_securityhub_account',
  'aws_config_configuration_recorder',
  'aws_iam_account_password_policy',
  'aws_ebs_encryption_by_default',
  'aws_s3_account_public_access_block',
];

function hasBaseline(group: AccountGroup): boolean {
  return ACCOUNT_BASELINE_TYPES.some((t) => (group.byType.get(t)?.length ?? 0) > 0);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** Why account rules did not run for `group`, said so a reader knows what to pass instead. */
export function accountRulesSkipReason(group: AccountGroup, mode: AccountRulesMode): string {
  if (mode === 'never') return 'account rules were turned off (--account-rules never)';
  const stacks = [...group.stacks].sort();
  const which = stacks.length === 1 ? `only stack ${stacks[0]} was given and it holds` : `only stacks ${listed(stacks)} were given and they hold`;
  return `${which} no account baseline (${ACCOUNT_BASELINE_TYPES.join(', ')}); pass the whole cdktf.out, or --account-rules always, to evaluate them`;
}

/** Rule metadata without the check function (what reports serialise). */
export function metadataOf(rule: Rule): RuleMetadata {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    controls: rule.controls,
    ...(rule.configRule !== undefined ? { configRule: rule.configRule } : {}),
    resourceTypes: rule.resourceTypes,
    scope: rule.scope,
    description: rule.description,
    remediation: rule.remediation,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds a finding without spreading, so absent fields stay absent (cheap at 100k findings). */
function resourceFinding(rule: Rule, r: Resource, v: Verdict): Finding {
  const f: Mutable<Finding> = {
    ruleId: rule.id,
    severity: rule.severity,
    status: v.status,
    stack: r.stack,
    address: r.address,
    resourceType: r.type,
    account: r.account,
    message: v.message,
  };
  if (r.constructPath !== undefined) f.constructPath = r.constructPath;
  if (r.file !== undefined) f.file = r.file;
  if (r.region !== undefined) f.region = r.region;
  if (v.undecided) f.undecided = true;
  return f;
}

function stackFinding(rule: Rule, mod: ModuleIndex, address: string, v: Verdict): Finding {
  const accounts = [...mod.accounts];
  const f: Mutable<Finding> = {
    ruleId: rule.id,
    severity: rule.severity,
    status: v.status,
    stack: mod.name,
    address,
    account: accounts.length === 1 ? accounts[0] : UNKNOWN_ACCOUNT,
    message: v.message,
  };
  if (mod.files.length > 0) f.file = mod.files[0];
  if (v.undecided) f.undecided = true;
  return f;
}

function accountFinding(rule: Rule, account: string, v: Verdict): Finding {
  const f: Mutable<Finding> = {
    ruleId: rule.id,
    severity: rule.severity,
    status: v.status,
    address: `account:${account}`,
    account,
    message: v.message,
  };
  if (v.region !== undefined) f.region = v.region;
  if (v.undecided) f.undecided = true;
  return f;
}

function errorVerdict(rule: Rule, err: unknown): Verdict {
  const text = err instanceof Error ? err.message : String(err);
  return { status: 'non_compliant', undecided: true, message: `cannot decide: rule ${rule.id} failed on this input (${text})` };
}

/**
 * A verdict that read blocks a `dynamic` block builds is not a decision unless it already reports
 * the resource: compliant and not-applicable verdicts become undecided findings.
 */
function dynamicGuard(v: Verdict, dynamicReads: readonly string[]): Verdict {
  if (dynamicReads.length === 0 || v.status === 'non_compliant') return v;
  const what = dynamicReads.join(', ');
  return {
    ...undecided(`${what} ${dynamicReads.length > 1 ? 'are' : 'is'} built by a dynamic block the engine cannot evaluate (otherwise: ${v.message})`),
    ...(v.region !== undefined ? { region: v.region } : {}),
  };
}

/** Evaluates the stacks against the rules. Throws `HipaaValidationError` for invalid suppressions. */
/** Resources that exist only conditionally and reference `r`: they are not evidence for it. */
function conditionalReferrers(index: ComplianceIndex, r: Resource): Resource[] {
  const incoming = index.modules.get(r.stack)?.conditionallyReferencedBy.get(r.address) ?? [];
  return [...new Set(incoming.map((i) => i.from))];
}

/**
 * Says why a conditional resource did not count: a trail or public access block behind
 * `count = var.x ? 1 : 0` might never be created, so only a resource that certainly exists is evidence.
 */
function withConditionalNote(v: Verdict, conditional: readonly Resource[]): Verdict {
  if (conditional.length === 0) return v;
  const shown = conditional
    .slice(0, 3)
    .map((c) => `${c.address} (${c.existenceReason ?? 'conditional'})`)
    .join(', ');
  const more = conditional.length > 3 ? ` and ${conditional.length - 3} more` : '';
  return { ...v, message: `${v.message}; not counted: ${shown}${more} might not be created, and only a resource that certainly exists is evidence` };
}

export function evaluate(stacks: readonly StackDocument[], opts: EvaluateOptions = {}): ComplianceResult {
  const rules = opts.rules ?? HIPAA_PACK.rules;
  const now = opts.now ?? new Date();
  const ruleIds = new Set(rules.map((r) => r.id));
  validateSuppressions(opts.suppressions ?? [], ruleIds);
  // Stacks record suppressions of the HIPAA pack; evaluating a subset of it (or a custom pack
  // beside it) must not turn those into unknown rule ids.
  const recorded = recordedCompliance(stacks, new Set([...ruleIds, ...HIPAA_PACK.rules.map((r) => r.id)]));
  const auditRetentionDays = opts.auditRetentionDays ?? recorded.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  // A suppression passed in and also recorded in a stack counts once.
  const given = opts.suppressions ?? [];
  const givenKeys = new Set(given.map(suppressionKey));
  const suppressions = [...given, ...(opts.recordedSuppressions === false ? [] : recorded.suppressions.filter((s) => !givenKeys.has(suppressionKey(s))))];
  const mode = opts.accountRules ?? 'auto';

  const index = buildIndex(stacks);
  watchDynamicBlocks(index);
  const ctx = createContext(index, auditRetentionDays);
  const findings: Finding[] = [];
  const accountRulesFor = new Map<string, boolean>();
  for (const [key, group] of index.accounts) {
    accountRulesFor.set(key, mode === 'always' || (mode === 'auto' && hasBaseline(group)));
  }

  for (const rule of rules) {
    if (rule.scope === 'resource') {
      for (const type of rule.resourceTypes) {
        for (const r of index.byType.get(type) ?? []) {
          let v: Verdict;
          try {
            const { result, dynamicReads } = recordingDynamicReads(() => rule.check(r, ctx));
            v = dynamicGuard(result, dynamicReads);
          } catch (err) {
            v = errorVerdict(rule, err);
          }
          if (v.status === 'non_compliant') v = withConditionalNote(v, conditionalReferrers(index, r));
          findings.push(resourceFinding(rule, r, v));
        }
      }
    } else if (rule.scope === 'stack') {
      for (const mod of index.modules.values()) {
        let out: ReturnType<typeof rule.checkStack>;
        try {
          out = rule.checkStack(mod, ctx);
        } catch (err) {
          out = [{ address: mod.name, verdict: errorVerdict(rule, err) }];
        }
        for (const { address, verdict } of out) findings.push(stackFinding(rule, mod, address, verdict));
      }
    } else {
      for (const [key, group] of index.accounts) {
        if (!accountRulesFor.get(key)) continue;
        let verdicts: Verdict[];
        try {
          const { result, dynamicReads } = recordingDynamicReads(() => rule.checkAccount(group, ctx));
          verdicts = (Array.isArray(result) ? result : [result]).map((v) => dynamicGuard(v, dynamicReads));
        } catch (err) {
          verdicts = [errorVerdict(rule, err)];
        }
        const conditional = rule.resourceTypes.flatMap((t) => group.conditional.get(t) ?? []);
        for (const v of verdicts) {
          findings.push(accountFinding(rule, key, v.status === 'non_compliant' ? withConditionalNote(v, conditional) : v));
        }
      }
    }
  }

  const byRule = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const list = byRule.get(s.rule);
    if (list) list.push(s);
    else byRule.set(s.rule, [s]);
  }
  const used = new Set<Suppression>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.status !== 'non_compliant') continue;
    const candidates = byRule.get(f.ruleId);
    if (!candidates) continue;
    const stacksOfAccount = f.stack === undefined ? index.accounts.get(f.account)?.stacks : undefined;
    let expired: Suppression | undefined;
    let valid: Suppression | undefined;
    for (const s of candidates) {
      if (!covers(s, f, stacksOfAccount)) continue;
      used.add(s);
      if (isExpired(s, now)) expired ??= s;
      else {
        valid = s;
        break;
      }
    }
    if (valid) findings[i] = { ...f, suppression: applied(valid) };
    else if (expired) findings[i] = { ...f, expiredSuppression: applied(expired) };
  }

  const accountRuleCount = rules.filter((r) => r.scope === 'account').length;
  const accounts: AccountSummary[] = [...index.accounts.values()].map((g) => {
    const evaluated = accountRulesFor.get(g.account) ?? false;
    const summary: AccountSummary = { account: g.account, stacks: [...g.stacks].sort(), accountRulesEvaluated: evaluated };
    if (evaluated || accountRuleCount === 0) return summary;
    return { ...summary, accountRulesSkipped: { rules: accountRuleCount, reason: accountRulesSkipReason(g, mode) } };
  });
  const ruleMetadata = rules.map(metadataOf);
  return {
    pack: opts.rules ? 'custom' : HIPAA_PACK.id,
    auditRetentionDays,
    rules: ruleMetadata,
    stacks: [...new Set(stacks.map((s) => s.name))],
    accounts,
    resourceCount: index.resourceCount,
    findings,
    unusedSuppressions: suppressions.filter((s) => !used.has(s)),
    expectedConfigResults: expectedConfigResults(findings, ruleMetadata, index.byType, ctx, { samplePack: opts.rules === undefined }),
  };
}

/** Non-compliant findings no valid suppression covers: these fail synth and the command. */
export function violations(result: ComplianceResult): Finding[] {
  return result.findings.filter((f) => f.status === 'non_compliant' && f.suppression === undefined);
}

/** Non-compliant findings covered by a valid suppression. */
export function suppressed(result: ComplianceResult): Finding[] {
  return result.findings.filter((f) => f.status === 'non_compliant' && f.suppression !== undefined);
}
