/**
 * Suppressions: accepted findings, each with a rule id and a reason, from the configuration or from
 * a construct (where they cover the construct and its children). An expired suppression no longer
 * covers anything: the finding is a violation again, and the report says why.
 */
import type { IConstruct } from 'constructs';
import { HipaaValidationError, type Problem } from '../../errors';
import { HIPAA_PACK } from './packs/hipaa';
import type { AppliedSuppression, Finding, Suppression } from './types';
import { globToRegExp } from '../../terraform/values';

export const MIN_REASON_LENGTH = 10;
const METADATA_TYPE = 'hipaa:compliance-suppression';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The problems of one suppression: unknown rule, short reason, bad expiry, empty resource list. */
export function suppressionProblems(s: Suppression, path: string, knownRules: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (typeof s.rule !== 'string' || !knownRules.has(s.rule)) {
    const close = [...knownRules].filter((id) => typeof s.rule === 'string' && id.startsWith(s.rule.slice(0, 7))).slice(0, 3);
    problems.push({
      code: 'HIPAA_SUPPRESSION_UNKNOWN_RULE',
      path: `${path}.rule`,
      value: s.rule,
      message: 'not a rule id of the pack being evaluated',
      fix: close.length > 0 ? `use a rule id such as ${close.join(', ')}` : 'use a rule id from docs/compliance-rules.md, e.g. HIPAA-S3-001',
    });
  }
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_REASON_TOO_SHORT',
      path: `${path}.reason`,
      value: s.reason,
      message: `a suppression needs a reason of at least ${MIN_REASON_LENGTH} characters`,
      fix: 'say why the finding is acceptable, e.g. "public website assets, no ePHI"',
    });
  }
  if (s.expires !== undefined && (typeof s.expires !== 'string' || !validDate(s.expires))) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_BAD_EXPIRY',
      path: `${path}.expires`,
      value: s.expires,
      message: 'not a date in the form YYYY-MM-DD',
      fix: 'use a date such as 2027-06-30',
    });
  }
  if (s.resources !== undefined && (!Array.isArray(s.resources) || s.resources.length === 0 || s.resources.some((r) => typeof r !== 'string' || r === ''))) {
    problems.push({
      code: 'HIPAA_SUPPRESSION_BAD_RESOURCES',
      path: `${path}.resources`,
      value: s.resources,
      message: 'resources must be a non-empty list of Terraform addresses, globs or construct paths',
      fix: 'list addresses such as "aws_s3_bucket.logs" or globs such as "aws_s3_bucket.*", or leave resources out',
    });
  }
  return problems;
}

/** Throws one error listing every invalid suppression. */
export function validateSuppressions(list: readonly Suppression[], knownRules: ReadonlySet<string>): void {
  // Construct and waiver suppressions are named by their source; the user's own are numbered as
  // the user wrote them, whatever came before them in the list.
  let userIndex = 0;
  const problems = list.flatMap((s) => suppressionProblems(s, s.constructPath !== undefined ? `${s.source ?? 'construct'}` : `suppressions[${userIndex++}]`, knownRules));
  if (problems.length > 0) throw new HipaaValidationError('Compliance suppressions', problems);
}

/** Whether the suppression's expiry date has passed at `now` (it holds through the whole day, UTC). */
export function isExpired(s: Suppression, now: Date): boolean {
  if (s.expires === undefined) return false;
  return now.toISOString().slice(0, 10) > s.expires;
}

function underPath(path: string | undefined, prefix: string): boolean {
  if (prefix === '') return true;
  if (path === undefined) return false;
  return path === prefix || path.startsWith(`${prefix}/`);
}

function patternMatches(pattern: string, f: Finding): boolean {
  if (pattern.startsWith('account:')) return f.address.startsWith('account:') && globToRegExp(pattern).test(f.address);
  if (pattern.includes('/')) {
    if (pattern.includes('*')) return f.constructPath !== undefined && globToRegExp(pattern).test(f.constructPath);
    return underPath(f.constructPath, pattern);
  }
  if (pattern.includes(':')) return f.stack !== undefined && globToRegExp(pattern).test(`${f.stack}:${f.address}`);
  return f.stack !== undefined && globToRegExp(pattern).test(f.address);
}

/**
 * Whether a suppression covers a finding: same rule; under its construct (an account finding is
 * under a construct only when that construct is the app or a stack of the account); and, when it
 * lists resources, one of them matches.
 */
export function covers(s: Suppression, f: Finding, accountStacks?: ReadonlySet<string>): boolean {
  if (s.rule !== f.ruleId) return false;
  if (s.constructPath !== undefined) {
    if (f.stack === undefined) {
      const p = s.constructPath;
      if (!(p === '' || (!p.includes('/') && accountStacks?.has(p)))) return false;
    } else if (!underPath(f.constructPath, s.constructPath)) {
      return false;
    }
  }
  if (s.resources === undefined) return true;
  return s.resources.some((p) => patternMatches(p, f));
}

export function applied(s: Suppression): AppliedSuppression {
  return {
    rule: s.rule,
    reason: s.reason,
    source: s.source ?? (s.constructPath !== undefined ? `construct ${s.constructPath}` : 'configuration'),
    ...(s.expires !== undefined ? { expires: s.expires } : {}),
  };
}

interface StoredSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  readonly resources?: readonly string[];
}

/** Rule ids `suppress()` accepts: the HIPAA pack's, plus any registered for custom rules. */
let knownRuleIds: ReadonlySet<string> = new Set(HIPAA_PACK.rules.map((r) => r.id));

/** Lets `suppress()` accept the ids of custom rules (pass them to `evaluate` with `rules`). */
export function registerRuleIds(ids: Iterable<string>): void {
  knownRuleIds = new Set([...knownRuleIds, ...ids]);
}

/**
 * Suppresses `rule` on `scope` and every construct under it. Validated now: the rule id must be
 * known and the reason at least 10 characters, so mistakes surface where they are written.
 */
export function suppress(scope: IConstruct, rule: string, reason: string, opts: { expires?: string; resources?: string[] } = {}): void {
  const path = scope.node.path;
  const s: Suppression = { rule, reason, constructPath: path, source: `construct ${path || '(app)'}`, ...opts };
  const problems = suppressionProblems(s, `suppress(${path || '(app)'}, ${JSON.stringify(rule)})`, knownRuleIds);
  if (problems.length > 0) throw new HipaaValidationError('Compliance suppression', problems);
  const data: StoredSuppression = {
    rule,
    reason,
    ...(opts.expires !== undefined ? { expires: opts.expires } : {}),
    ...(opts.resources !== undefined ? { resources: [...opts.resources] } : {}),
  };
  scope.node.addMetadata(METADATA_TYPE, data);
}

/** Every `suppress()` under `root` (root included), with `constructPath` set to the construct's path. */
export function constructSuppressions(root: IConstruct): Suppression[] {
  const out: Suppression[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== METADATA_TYPE) continue;
      const data = entry.data as StoredSuppression;
      const path = c.node.path;
      out.push({
        rule: data.rule,
        reason: data.reason,
        constructPath: path,
        source: `construct ${path || '(app)'}`,
        ...(data.expires !== undefined ? { expires: data.expires } : {}),
        ...(data.resources !== undefined ? { resources: data.resources } : {}),
      });
    }
  }
  return out;
}
